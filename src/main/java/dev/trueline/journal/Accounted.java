package dev.trueline.journal;

/**
 * A terminal record whose {@code journaled} count the writer computes: only the writer knows how many chunks of the
 * turn really reached the file when the record is written (an append in flight at cancel time still completes).
 */
public interface Accounted<R extends TerminalRecord> {

    R withJournaled(int count);
}
