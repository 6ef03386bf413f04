package dev.trueline.journal.noop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.trueline.journal.AbortedRecord;
import dev.trueline.journal.ChunkOutOfSequenceException;
import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationBusyException;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationRecord;
import dev.trueline.journal.EndRecord;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.LeasePurpose;
import dev.trueline.journal.TurnClosedException;
import dev.trueline.journal.TurnPage;
import dev.trueline.journal.TurnRecord;
import dev.trueline.journal.UnknownTurnException;
import dev.trueline.journal.UserRecord;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * The no-op journal keeps just enough for turns to run as on the file journal: live followers, late and resuming
 * ones, the I2/I3 refusals, the turn numbers; and no more: the turn before is dropped, idle conversations are
 * forgotten past its bound, and it refuses to exist outside the bench profile.
 */
class NoopJournalTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Instant TS = Instant.parse("2026-12-01T00:00:00Z");
    private static final ConversationId ID = ConversationId.of("c1");

    private final NoopJournal journal = new NoopJournal(256, NoopJournal.RETAINED_RECORDS);

    @Test
    void aFollowerGetsEachRecordAsItIsAppendedThenCompletesAfterTheTerminal() {
        start(ID, 1);
        AssertSubscriber<JournalRecord> follower = follow(ID, 1, 0);
        for (int seq = 1; seq <= 5; seq++) {
            append(ID, chunk(1, seq));
            follower.awaitItems(seq, WAIT);
        }
        assertFalse(follower.hasCompleted(), "the turn runs on");
        append(ID, end(1, 5));
        follower.awaitCompletion(WAIT);
        assertEquals(List.of(1, 2, 3, 4, 5, TurnRecord.TERMINAL_POSITION), positions(follower.getItems()));
    }

    @Test
    void aLateFollowerReadsWhatIsHeldPageByPageThenGoesOnLive() {
        start(ID, 1);
        IntStream.rangeClosed(1, 600).forEach(seq -> append(ID, chunk(1, seq))); // more than two pages of 256
        AssertSubscriber<JournalRecord> follower = follow(ID, 1, 10);
        follower.awaitItems(590, WAIT);
        IntStream.rangeClosed(601, 610).forEach(seq -> append(ID, chunk(1, seq)));
        append(ID, end(1, 610));
        follower.awaitCompletion(WAIT);
        assertEquals(IntStream.concat(IntStream.rangeClosed(11, 610), IntStream.of(TurnRecord.TERMINAL_POSITION))
                .boxed().toList(), positions(follower.getItems()), "no gap, no repeat at the seam");
    }

    @Test
    void aFollowerOfAFinishedTurnReplaysAllOfItPromptIncluded() {
        start(ID, 1);
        append(ID, chunk(1, 1));
        append(ID, chunk(1, 2));
        append(ID, end(1, 2));
        AssertSubscriber<JournalRecord> follower = follow(ID, 1, -1);
        follower.awaitCompletion(WAIT);
        assertEquals(List.of(0, 1, 2, TurnRecord.TERMINAL_POSITION), positions(follower.getItems()));
        TurnPage terminal = journal.readTurn(ID, 1, TurnRecord.TERMINAL_POSITION - 1, 1).await().atMost(WAIT);
        assertTrue(terminal.hasTerminal() && terminal.ended(), "the terminal record alone, as Follower asks for it");
    }

    @Test
    void aFollowerThatFallsBehindTheLiveTailCatchesUpFromMemory() {
        NoopJournal small = new NoopJournal(4, NoopJournal.RETAINED_RECORDS);
        small.append(ID, prompt(1)).await().atMost(WAIT);
        AssertSubscriber<JournalRecord> slow = small.follow(ID, 1, 0).subscribe()
                .withSubscriber(AssertSubscriber.create(1));
        for (int seq = 1; seq <= 50; seq++) {
            small.append(ID, chunk(1, seq)).await().atMost(WAIT); // never waits for the follower
        }
        small.append(ID, end(1, 50)).await().atMost(WAIT);
        slow.request(Long.MAX_VALUE);
        slow.awaitCompletion(WAIT);
        assertEquals(IntStream.concat(IntStream.rangeClosed(1, 50), IntStream.of(TurnRecord.TERMINAL_POSITION))
                .boxed().toList(), positions(slow.getItems()));
    }

    @Test
    void chunksOutOfSequenceAndRecordsAfterTheEndAreRefused() {
        start(ID, 1);
        assertThrows(ChunkOutOfSequenceException.class, () -> append(ID, chunk(1, 2)));
        append(ID, chunk(1, 1));
        assertThrows(ChunkOutOfSequenceException.class, () -> append(ID, chunk(1, 1)));
        append(ID, new AbortedRecord(1, TS, 7, 0, AbortedRecord.CLIENT_DISCONNECT));
        assertThrows(TurnClosedException.class, () -> append(ID, chunk(1, 2)));
        assertThrows(TurnClosedException.class, () -> append(ID, end(1, 1)));
        TurnPage page = journal.readTurn(ID, 1, 1, 10).await().atMost(WAIT);
        assertEquals(1, ((AbortedRecord) page.records().get(0)).journaled(), "the writer counts what it took");
    }

    @Test
    void turnsGoOnBeingNumberedAndTheTurnBeforeIsDropped() {
        start(ID, 1);
        append(ID, chunk(1, 1));
        append(ID, end(1, 1));
        append(ID, prompt(2));
        append(ID, chunk(2, 1));
        assertFalse(journal.readTurn(ID, 1, -1, 10).await().atMost(WAIT).found(), "dropped");
        List<JournalRecord> held = journal.read(ID).await().atMost(WAIT).orElseThrow().records();
        assertEquals(3, held.size(), "the header, then turn 2 so far");
        assertTrue(held.get(0) instanceof ConversationRecord header && header.ownedBy().equals("alice"));
        assertEquals(2, ((UserRecord) held.get(1)).turn());
        follow(ID, 1, -1).awaitFailure(WAIT).assertFailedWith(UnknownTurnException.class);
    }

    @Test
    void deletingForgetsTheConversation() {
        start(ID, 1);
        append(ID, end(1, 0));
        assertTrue(journal.delete(ID).await().atMost(WAIT));
        assertTrue(journal.header(ID).await().atMost(WAIT).isEmpty());
        assertTrue(journal.list().await().atMost(WAIT).isEmpty());
        assertFalse(journal.delete(ID).await().atMost(WAIT));
    }

    @Test
    void idleConversationsAreForgottenOldestFirstOnceTheyHoldTooMuch() {
        // each conversation: header, prompt, 3 chunks, end = 6 records; 15 fit two of them
        NoopJournal bounded = new NoopJournal(256, 15);
        ConversationId running = ConversationId.of("running");
        bounded.append(running, prompt(1)).await().atMost(WAIT);
        for (int c = 1; c <= 4; c++) {
            ConversationId id = ConversationId.of("c" + c);
            bounded.append(id, ConversationRecord.header(id, TS, "alice")).await().atMost(WAIT);
            bounded.append(id, prompt(1)).await().atMost(WAIT);
            for (int seq = 1; seq <= 3; seq++) {
                bounded.append(id, chunk(1, seq)).await().atMost(WAIT);
            }
            bounded.append(id, end(1, 3)).await().atMost(WAIT);
        }
        assertEquals(3, bounded.heldConversations(), "the running one, and the two that ended last");
        assertTrue(bounded.header(ConversationId.of("c2")).await().atMost(WAIT).isEmpty(), "forgotten");
        assertTrue(bounded.header(ConversationId.of("c3")).await().atMost(WAIT).isPresent());
        assertTrue(bounded.header(running).await().atMost(WAIT).isPresent(), "a running turn is never forgotten");
    }

    @Test
    void aConversationHasOneLeaseHolderAtATime() {
        var lease = journal.lease(ID, LeasePurpose.TURN).await().atMost(WAIT);
        assertThrows(ConversationBusyException.class, () -> journal.lease(ID, LeasePurpose.DELETION).await()
                .atMost(WAIT));
        lease.release();
        journal.lease(ID, LeasePurpose.DELETION).await().atMost(WAIT).release();
    }

    @Test
    void itRefusesToExistOutsideTheBenchProfile() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> NoopJournal.inProfiles(List.of("prod"), 256));
        assertTrue(refused.getMessage().contains("trueline.journal.backend=noop")
                && refused.getMessage().contains("'bench'"), refused.getMessage());
        NoopJournal.inProfiles(List.of("prod", "bench"), 256);
    }

    private void start(ConversationId id, int turn) {
        if (turn == 1) {
            append(id, ConversationRecord.header(id, TS, "alice"));
        }
        append(id, prompt(turn));
    }

    private void append(ConversationId id, JournalRecord record) {
        journal.append(id, record).await().atMost(WAIT);
    }

    private AssertSubscriber<JournalRecord> follow(ConversationId id, int turn, int after) {
        return journal.follow(id, turn, after).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
    }

    private static List<Integer> positions(List<JournalRecord> records) {
        return records.stream().map(r -> ((TurnRecord) r).position()).toList();
    }

    private static UserRecord prompt(int turn) {
        return new UserRecord(turn, TS, "hi", "scripted", "m");
    }

    private static ChunkRecord chunk(int turn, int seq) {
        return new ChunkRecord(turn, seq, "c" + seq);
    }

    private static EndRecord end(int turn, int chunks) {
        return new EndRecord(turn, TS, chunks, "stop", null);
    }
}
