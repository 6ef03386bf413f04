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
    /**
     * The process running the turn died: written by whoever heals the turn for it (a replica taking over an expired
     * lease); {@code delivered} is then what the journal holds, as for a turn with no terminal record.
     */
    public static final String SERVER_STOPPED = "server_stopped";

    @Override
    public AbortedRecord withJournaled(int count) {
        return new AbortedRecord(turn, ts, Math.min(delivered, count), count, reason);
    }
}
