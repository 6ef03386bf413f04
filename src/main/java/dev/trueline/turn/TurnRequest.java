package dev.trueline.turn;

/** The body of {@code POST /api/conversations/{cid}/turns}: a non-empty prompt and, optionally, a model. */
public record TurnRequest(String prompt, String model) {
}
