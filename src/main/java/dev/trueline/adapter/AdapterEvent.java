package dev.trueline.adapter;

/** What an adapter emits: text deltas, then at most one finish. */
public sealed interface AdapterEvent {

    /** A piece of the answer, never empty. */
    record Text(String text) implements AdapterEvent {
    }

    /**
     * The model is done. {@code reason} is normalized ({@code stop}, {@code length}, {@code content_filter}, ...);
     * {@code usage} is null when the upstream did not report it.
     */
    record Finish(String reason, TokenUsage usage) implements AdapterEvent {
    }

    /** Tokens the upstream billed for this answer. */
    record TokenUsage(long input, long output) {
    }
}
