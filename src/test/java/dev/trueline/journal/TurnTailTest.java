package dev.trueline.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.subscription.BackPressureFailure;

/** The live end of a turn: followers join at the exact position, get what follows, and never slow it. */
class TurnTailTest {

    private static final Instant TS = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void aFollowerJoinsOnlyAtTheExactPositionPublished() {
        TurnTail tail = new TurnTail();
        tail.publish(new UserRecord(1, TS, "hi", "scripted", "m"));
        tail.publish(chunk(1));
        assertTrue(tail.attachAt(0, 8).isEmpty(), "behind the tail: read the file first");
        assertTrue(tail.attachAt(2, 8).isEmpty(), "ahead of the tail: impossible");
        assertTrue(tail.attachAt(1, 8).isPresent());
    }

    @Test
    void aTailThatKeepsItsLastRecordsLetsAFollowerThatLittleBehindJoinFromThem() {
        TurnTail tail = new TurnTail(2);
        tail.publish(new UserRecord(1, TS, "hi", "scripted", "m"));
        for (int seq = 1; seq <= 3; seq++) {
            tail.publish(chunk(seq));
        }
        assertTrue(tail.attachAt(0, 8).isEmpty(), "chunk 1 is no longer kept: read the backend first");
        assertTrue(tail.attachAt(1, 1).isEmpty(), "the two kept records do not fit a buffer of one");
        AssertSubscriber<JournalRecord> twoBehind = tail.attachAt(1, 8).orElseThrow().subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        AssertSubscriber<JournalRecord> oneBehind = tail.attachAt(2, 8).orElseThrow().subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        tail.publish(chunk(4));
        tail.publish(new EndRecord(1, TS, 4, "stop", null));
        EndRecord end = new EndRecord(1, TS, 4, "stop", null);
        twoBehind.assertCompleted();
        assertEquals(List.of(chunk(2), chunk(3), chunk(4), end), twoBehind.getItems(),
                "the kept records after its position, then the live ones, each once");
        oneBehind.assertCompleted();
        assertEquals(List.of(chunk(3), chunk(4), end), oneBehind.getItems(), "never a kept record it has");
    }

    @Test
    void aJoinedFollowerGetsEveryLaterRecordThenTheEnd() {
        TurnTail tail = new TurnTail();
        tail.publish(new UserRecord(1, TS, "hi", "scripted", "m"));
        AssertSubscriber<JournalRecord> follower = tail.attachAt(0, 8).orElseThrow()
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        tail.publish(chunk(1));
        tail.publish(chunk(2));
        tail.publish(new EndRecord(1, TS, 2, "stop", null));
        follower.assertCompleted();
        assertEquals(List.of(chunk(1), chunk(2), new EndRecord(1, TS, 2, "stop", null)), follower.getItems());
        assertTrue(tail.over());
        assertTrue(tail.attachAt(Integer.MAX_VALUE, 8).isEmpty(), "nobody joins an ended tail");
    }

    @Test
    void aFollowerThatTakesNothingIsFailedAfterItsBufferAndTheOthersGoOn() {
        TurnTail tail = new TurnTail();
        tail.publish(new UserRecord(1, TS, "hi", "scripted", "m"));
        AssertSubscriber<JournalRecord> stalled = tail.attachAt(0, 4).orElseThrow()
                .subscribe().withSubscriber(AssertSubscriber.create(0));
        AssertSubscriber<JournalRecord> reading = tail.attachAt(0, 4).orElseThrow()
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        for (int seq = 1; seq <= 100; seq++) {
            tail.publish(chunk(seq)); // never waits for the stalled one
        }
        assertEquals(100, reading.getItems().size());
        // the stalled one still gets what its buffer held, then the failure that sends it back to the file
        stalled.request(Long.MAX_VALUE);
        stalled.assertFailedWith(BackPressureFailure.class);
        assertTrue(stalled.getItems().size() <= 4, stalled.getItems().toString());
        assertEquals(1, ((ChunkRecord) stalled.getItems().get(0)).seq());
    }

    @Test
    void aFollowerThatLeavesStopsBeingPublishedTo() {
        TurnTail tail = new TurnTail();
        tail.publish(new UserRecord(1, TS, "hi", "scripted", "m"));
        AssertSubscriber<JournalRecord> leaving = tail.attachAt(0, 4).orElseThrow()
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        tail.publish(chunk(1));
        leaving.cancel();
        tail.publish(chunk(2));
        assertEquals(List.of(chunk(1)), leaving.getItems());
    }

    @Test
    void aJournalFailureReachesEveryFollower() {
        TurnTail tail = new TurnTail();
        tail.publish(new UserRecord(1, TS, "hi", "scripted", "m"));
        AssertSubscriber<JournalRecord> follower = tail.attachAt(0, 4).orElseThrow()
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        tail.fail(new JournalUnavailableException("disk gone", null));
        follower.assertFailedWith(JournalUnavailableException.class, "disk gone");
    }

    private static ChunkRecord chunk(int seq) {
        return new ChunkRecord(1, seq, "c" + seq);
    }
}
