package dev.trueline.journal;

/**
 * A terminal record whose {@code journaled} count the writer computes: only the writer knows how many chunks of the
 * turn really reached the file when the record is written (an append in flight at cancel time still completes).
 */
public interface Accounted<R extends TerminalRecord> {

    /**
     * This record with {@code journaled} set to {@code count}, and {@code delivered} capped at it: no follower can
     * have been handed a chunk that never reached the journal (I1), so a caller may pass an upper bound.
     */
    R withJournaled(int count);
}
