package dev.trueline.journal;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The model finished: {@code chunks} chunks were journaled, {@code finish} says why it stopped. */
@RegisterForReflection // written and read by Jackson
public record EndRecord(int turn, Instant ts, int chunks, String finish, Usage usage) implements TerminalRecord {

    /** Token usage as the upstream reported it. */
    @RegisterForReflection // written and read by Jackson
    public record Usage(long input, long output) {
    }
}
