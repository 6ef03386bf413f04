package dev.trueline.journal;

import java.util.List;
import java.util.OptionalInt;

/**
 * What a conversation's journal holds: the records that parsed, in journal order, what was skipped on the way, and
 * the turn a live writer holds open right now ({@code runningTurn}), read together with the records so that a turn
 * without a terminal record can be told apart: still running, or cut off by a crash.
 */
public record JournalContents(List<JournalRecord> records, List<Repair> repairs, OptionalInt runningTurn) {

    public JournalContents {
        records = List.copyOf(records);
        repairs = List.copyOf(repairs);
    }

    /** Contents read from bytes alone: nobody is known to be writing. */
    public JournalContents(List<JournalRecord> records, List<Repair> repairs) {
        this(records, repairs, OptionalInt.empty());
    }

    /** The same contents, with {@code turn} known to be running. */
    public JournalContents running(OptionalInt turn) {
        return new JournalContents(records, repairs, turn);
    }
}
