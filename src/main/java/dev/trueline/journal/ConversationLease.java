package dev.trueline.journal;

import java.util.function.IntConsumer;

import io.smallrye.mutiny.Uni;

/**
 * The exclusive right to write one conversation: held by its one running turn, or by its deletion, so that a second
 * turn, or a turn and a deletion, never write it at once. Every record a turn writes goes through the lease of that
 * turn; a backend shared by several processes checks the lease with each append, so a holder that lost it can no
 * longer write.
 */
public interface ConversationLease {

    ConversationId conversation();

    /**
     * Appends {@code record} to the conversation, as {@link Journal#append} does, if this lease still holds. The
     * terminal record of the turn this lease runs frees the conversation before any follower is handed it: the file
     * journal completes the append (whose caller then calls {@link #release}) first, the Redis journal deletes the
     * lease in the step that appends the record. So whoever saw a turn end can start the next one at once.
     */
    Uni<Void> append(JournalRecord record);

    /** Names the turn this lease runs, once it is numbered: readers then heal it as running, not as cut off. */
    void runs(int turn);

    /**
     * Has {@code stop} called with the stopper's {@code seen} when another process asks to stop the turn this lease
     * runs ({@link Journal#requestStop}); at most once, on a thread of the journal's, never under a lock of the
     * caller's. A journal that one process alone writes never calls it: a stop there finds the turn running in this
     * process.
     */
    default void onStopRequest(IntConsumer stop) {
    }

    /** Deletes the conversation's journal; false when there was none. */
    Uni<Boolean> delete();

    /** Gives the conversation back; further appends through this lease fail. Calling it again does nothing. */
    void release();
}
