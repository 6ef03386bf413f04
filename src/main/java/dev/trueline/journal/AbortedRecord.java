package dev.trueline.journal;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The turn stopped before the model finished. {@code delivered} counts chunks handed to the HTTP layer;
 * {@code journaled} is filled in by the journal writer with the chunks it actually wrote for the turn.
 */
@RegisterForReflection // written and read by Jackson
public record AbortedRecord(int turn, Instant ts, int delivered, int journaled, String reason)
        implements
            TerminalRecord,
            Accounted<AbortedRecord> {

    public static final String CLIENT_DISCONNECT = "client_disconnect";
    public static final String USER_STOP = "user_stop";
    public static final String SHUTDOWN = "shutdown";
    public static final String SLOW_CLIENT = "slow_client";

    @Override
    public AbortedRecord withJournaled(int count) {
        return new AbortedRecord(turn, ts, delivered, count, reason);
    }
}
