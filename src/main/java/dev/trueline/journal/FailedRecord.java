package dev.trueline.journal;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The turn failed with a stable {@code code}; counts as in {@link AbortedRecord}. */
@RegisterForReflection // written and read by Jackson
public record FailedRecord(int turn, Instant ts, int delivered, int journaled, String code, String message)
        implements
            TerminalRecord,
            Accounted<FailedRecord> {

    @Override
    public FailedRecord withJournaled(int count) {
        return new FailedRecord(turn, ts, Math.min(delivered, count), count, code, message);
    }
}
