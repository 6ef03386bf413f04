package dev.trueline.turn;

import dev.trueline.journal.AbortedRecord;

/**
 * Why a running turn is asked to stop: the instance shuts down, or the person clicked Stop after seeing
 * {@code seen} chunks. The reason is the {@code aborted} record's.
 *
 * @param reason {@link AbortedRecord#SHUTDOWN} or {@link AbortedRecord#USER_STOP}
 * @param seen for a user stop, the seq of the last chunk the client rendered (its Last-Event-ID; 0 for none)
 */
record StopRequest(String reason, int seen) {

    static final StopRequest SHUTDOWN = new StopRequest(AbortedRecord.SHUTDOWN, Integer.MAX_VALUE);

    static StopRequest byUser(int seen) {
        return new StopRequest(AbortedRecord.USER_STOP, seen);
    }

    boolean byUser() {
        return AbortedRecord.USER_STOP.equals(reason);
    }

    /**
     * The {@code delivered} count to journal. I6: chunks handed to the HTTP layer only bound what the client got;
     * for a user stop the client's own Last-Event-ID is the exact truth, and it cannot exceed what was handed over.
     */
    int delivered(int handedOver) {
        return Math.min(seen, handedOver);
    }
}
