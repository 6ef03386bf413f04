package dev.trueline.journal;

import java.util.List;

/**
 * A ranged read of one turn: its records after a position, in order, as many as were asked for.
 *
 * @param found whether the turn exists in the journal at all
 * @param records the turn's prompt (for a read from position -1), chunks and terminal record, in order; never its
 *        {@link DetachedRecord}s, which are not part of what a follower replays
 * @param ended whether the turn is over in the journal: its terminal record is in {@code records}, or a later turn
 *        began although this one has none (the process running it died)
 * @param cursor where the backend reads on from, for the next page of the same read; opaque, -1 when unknown
 */
public record TurnPage(boolean found, List<JournalRecord> records, boolean ended, long cursor) {

    public TurnPage {
        records = List.copyOf(records);
    }

    /** The turn is not in the journal. */
    public static TurnPage missing() {
        return new TurnPage(false, List.of(), false, -1);
    }

    /** Whether the page holds the turn's terminal record. */
    public boolean hasTerminal() {
        return !records.isEmpty() && records.get(records.size() - 1) instanceof TerminalRecord;
    }
}
