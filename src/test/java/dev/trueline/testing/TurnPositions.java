package dev.trueline.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.TurnRecord;

/** A turn's records by position, for tests that check a follower got each one once, in order, then the end. */
public final class TurnPositions {

    private TurnPositions() {
    }

    /** Positions {@code from} to {@code lastChunk}, then the terminal record's. */
    public static List<Integer> positions(int from, int lastChunk) {
        List<Integer> all = new ArrayList<>(IntStream.rangeClosed(from, lastChunk).boxed().toList());
        all.add(TurnRecord.TERMINAL_POSITION);
        return all;
    }

    /** The position of each record. */
    public static List<Integer> positionsOf(List<JournalRecord> records) {
        return records.stream().map(r -> ((TurnRecord) r).position()).toList();
    }
}
