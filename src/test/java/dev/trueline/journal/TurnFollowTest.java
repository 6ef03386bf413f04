package dev.trueline.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * The follow loop on its own, over an in-memory turn that plays the file (pages of what is written) and its live
 * tail, published to as records are "written": the seam, the catch-up after falling behind, the end of a turn whose
 * process died.
 */
class TurnFollowTest {

    private static final ConversationId ID = ConversationId.of("c1");
    private static final Instant TS = Instant.parse("2026-12-01T00:00:00Z");

    /** A turn being written: what is written so far, its live tail while it runs, pages of {@code page} records. */
    private static final class Turn implements TurnFollow.Pages {
        final List<JournalRecord> written = new ArrayList<>();
        TurnTail tail = new TurnTail();
        final int page;
        final int buffer;
        int reads;

        Turn(int page, int buffer) {
            this.page = page;
            this.buffer = buffer;
            write(new UserRecord(1, TS, "hi", "scripted", "m"));
        }

        synchronized void write(JournalRecord record) {
            written.add(record);
            if (tail != null) {
                tail.publish(record);
            }
        }

        /** Like the journal's queue task: a page, and the tail joined when the page reaches the end. */
        @Override
        public synchronized Uni<TurnFollow.Read> read(int after, long cursor) {
            reads++;
            List<JournalRecord> records = written.stream()
                    .filter(r -> ((TurnRecord) r).position() > after).limit(page).toList();
            boolean ended = !records.isEmpty() && records.get(records.size() - 1) instanceof EndRecord;
            TurnPage read = new TurnPage(true, records, ended, -1);
            if (ended || records.size() == page) {
                return Uni.createFrom().item(new TurnFollow.Read(read, null, false));
            }
            int end = records.isEmpty() ? after : ((TurnRecord) records.get(records.size() - 1)).position();
            return Uni.createFrom().item(tail == null ? new TurnFollow.Read(read, null, true)
                    : new TurnFollow.Read(read, tail.attachAt(end, buffer).orElse(null), false));
        }
    }

    @Test
    void theFileThenTheLiveTailWithNoGapAndNoRepeat() {
        Turn turn = new Turn(3, 64);
        for (int seq = 1; seq <= 7; seq++) {
            turn.write(chunk(seq));
        }
        AssertSubscriber<JournalRecord> follower = new TurnFollow(ID, 1, 2, turn).records()
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        for (int seq = 8; seq <= 12; seq++) {
            turn.write(chunk(seq));
        }
        turn.write(new EndRecord(1, TS, 12, "stop", null));
        follower.assertCompleted();
        assertEquals(positions(3, 12), positionsOf(follower.getItems()));
    }

    @Test
    void aFollowerThatFallsBehindTheTailCatchesUpFromTheFileWhereItWas() {
        Turn turn = new Turn(4, 2);
        AssertSubscriber<JournalRecord> slow = new TurnFollow(ID, 1, 0, turn).records()
                .subscribe().withSubscriber(AssertSubscriber.create(1));
        for (int seq = 1; seq <= 50; seq++) {
            turn.write(chunk(seq)); // far more than its buffer of 2
        }
        turn.write(new EndRecord(1, TS, 50, "stop", null));
        slow.request(Long.MAX_VALUE);
        slow.awaitCompletion(Duration.ofSeconds(5));
        assertEquals(positions(1, 50), positionsOf(slow.getItems()));
        assertTrue(turn.reads > 2, "it went back to the file");
    }

    @Test
    void aTurnWhoseWriterDiedEndsAfterItsLastJournaledChunk() {
        Turn turn = new Turn(8, 8);
        turn.write(chunk(1));
        turn.write(chunk(2));
        turn.tail = null; // the process that wrote it is gone; no terminal record was written
        AssertSubscriber<JournalRecord> follower = new TurnFollow(ID, 1, -1, turn).records()
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        follower.assertCompleted();
        assertEquals(List.of(0, 1, 2), positionsOf(follower.getItems()));
    }

    @Test
    void anUnknownTurnFails() {
        TurnFollow.Pages missing = (after, cursor) -> Uni.createFrom()
                .item(new TurnFollow.Read(TurnPage.missing(), null, false));
        new TurnFollow(ID, 9, -1, missing).records().subscribe().withSubscriber(AssertSubscriber.create(1))
                .assertFailedWith(UnknownTurnException.class);
    }

    private static ChunkRecord chunk(int seq) {
        return new ChunkRecord(1, seq, "c" + seq);
    }

    private static List<Integer> positions(int from, int toLastChunk) {
        List<Integer> all = new ArrayList<>();
        for (int p = from; p <= toLastChunk; p++) {
            all.add(p);
        }
        all.add(TurnRecord.TERMINAL_POSITION);
        return all;
    }

    private static List<Integer> positionsOf(List<JournalRecord> records) {
        return records.stream().map(r -> ((TurnRecord) r).position()).toList();
    }
}
