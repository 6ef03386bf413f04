package dev.trueline.turn;

import dev.trueline.journal.AbortedRecord;

/**
 * Why a running turn is asked to stop: the instance shuts down, or a person clicked Stop after seeing {@code seen}
 * chunks. The reason is the {@code aborted} record's.
 *
 * @param reason {@link AbortedRecord#SHUTDOWN} or {@link AbortedRecord#USER_STOP}
 * @param seen for a user stop, the seq of the last chunk the stopper rendered (its Last-Event-ID; 0 for none): its
 *        own proof of what it saw, journaled as {@code delivered} (I6; the writer caps it at the chunks written)
 */
record StopRequest(String reason, int seen) {

    static final StopRequest SHUTDOWN = new StopRequest(AbortedRecord.SHUTDOWN, 0);

    static StopRequest byUser(int seen) {
        return new StopRequest(AbortedRecord.USER_STOP, seen);
    }

    boolean byUser() {
        return AbortedRecord.USER_STOP.equals(reason);
    }
}
