package dev.trueline.journal;

import static dev.trueline.testing.TurnPositions.positions;
import static dev.trueline.testing.TurnPositions.positionsOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * What every {@link Journal} backend promises, one test per behaviour, run against each of them by a subclass that
 * says how to open one (the file journal, the Redis journal). The backends' own tests cover what only one of them
 * has (torn files, fencing between processes).
 */
public abstract class JournalContractTest {

    protected static final Duration WAIT = Duration.ofSeconds(20);
    /** Records a follower reads at a time in these tests: small, so that following crosses many pages. */
    protected static final int FOLLOWER_PAGE = 8;
    private static final Instant TS = Instant.parse("2026-11-24T06:00:00Z");

    protected Journal journal;
    private final ConversationId id = ConversationId.of("c1");

    /** A journal over fresh, empty storage, following {@link #FOLLOWER_PAGE} records at a time. */
    protected abstract Journal open() throws Exception;

    protected abstract void close(Journal journal) throws Exception;

    /**
     * The process holding {@code lease} dies without a word: from now on nobody writes its turn. Returns the journal
     * the test goes on with (a fresh one over the same storage, as after a restart, or another process's).
     */
    protected abstract Journal writerDies(Journal journal, ConversationLease lease) throws Exception;

    /**
     * Whether a surviving process journals the end of a dead writer's turn ({@code aborted}/{@code server_stopped}):
     * a journal shared by several processes does (Redis); one that a single process writes leaves the turn without
     * one, for readers to heal (the file journal).
     */
    protected boolean healsDeadWritersTurns() {
        return false;
    }

    @BeforeEach
    void openJournal() throws Exception {
        journal = open();
    }

    @AfterEach
    void closeJournal() throws Exception {
        close(journal);
    }

    @Test
    void recordsOfOneConversationAreWrittenInSubmissionOrder() {
        append(user(1));
        // subscribe 200 appends at once: nothing between the caller and the storage may reorder them (I2)
        List<Uni<Void>> appends = new ArrayList<>();
        for (int seq = 1; seq <= 200; seq++) {
            appends.add(journal.append(id, new ChunkRecord(1, seq, "t" + seq)).memoize().indefinitely());
        }
        appends.forEach(u -> u.subscribe().with(x -> {
        }));
        appends.forEach(u -> u.await().atMost(WAIT));
        append(new EndRecord(1, TS, 200, "stop", null));
        List<JournalRecord> records = read();
        assertInstanceOf(ConversationRecord.class, records.get(0));
        for (int seq = 1; seq <= 200; seq++) {
            assertEquals(seq, ((ChunkRecord) records.get(seq + 1)).seq());
        }
    }

    @Test
    void theWriterFillsInJournaledAndRefusesChunksAfterTheTerminalRecord() {
        append(user(1));
        append(new ChunkRecord(1, 1, "a"));
        append(new ChunkRecord(1, 2, "b"));
        append(new AbortedRecord(1, TS, 1, 0, AbortedRecord.CLIENT_DISCONNECT));
        Throwable late = assertThrows(TurnClosedException.class, () -> append(new ChunkRecord(1, 3, "c")));
        assertTrue(late.getMessage().contains("not open"));
        assertThrows(TurnClosedException.class, () -> append(new EndRecord(1, TS, 2, "stop", null)));
        assertThrows(TurnClosedException.class, () -> append(new ChunkRecord(7, 1, "never opened")));
        AbortedRecord aborted = (AbortedRecord) read().get(4);
        assertEquals(1, aborted.delivered());
        assertEquals(2, aborted.journaled());
        assertEquals(5, read().size());
    }

    @Test
    void deliveredIsCappedAtWhatWasJournaled() {
        append(user(1));
        append(new ChunkRecord(1, 1, "a"));
        append(new FailedRecord(1, TS, 5, 0, "upstream_unavailable", "gone"));
        FailedRecord failed = (FailedRecord) read().get(3);
        assertEquals(1, failed.journaled());
        assertEquals(1, failed.delivered(), "I1: nobody was handed a chunk that was never journaled");
    }

    @Test
    void aChunkOutOfSequenceIsRefused() {
        append(user(1));
        append(new ChunkRecord(1, 1, "a"));
        assertThrows(ChunkOutOfSequenceException.class, () -> append(new ChunkRecord(1, 3, "c")));
        assertThrows(ChunkOutOfSequenceException.class, () -> append(new ChunkRecord(1, 1, "a")));
        append(new ChunkRecord(1, 2, "b"));
        assertEquals(4, read().size());
    }

    @Test
    void theRawJournalIsTheFileFormatLineForLine() {
        List<JournalRecord> written = List.of(ConversationRecord.header(id, TS, "alice"), user(1),
                new ChunkRecord(1, 1, "Hel"), new ChunkRecord(1, 2, "lo \"ü\" \\n"), new EndRecord(1, TS, 2, "stop", null));
        written.forEach(this::append);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        written.forEach(r -> expected.writeBytes(JournalCodec.encode(r)));
        assertArrayEquals(expected.toByteArray(), journal.readRaw(id).await().atMost(WAIT).orElseThrow());
        assertEquals(written, read());
        assertEquals("alice", journal.header(id).await().atMost(WAIT).orElseThrow().owner());
        assertThrows(IllegalStateException.class, () -> append(ConversationRecord.header(id, TS, "mallory")));
    }

    @Test
    void aConversationStartedWithoutAHeaderGetsOneNamingNobody() {
        append(user(1));
        ConversationRecord header = journal.header(id).await().atMost(WAIT).orElseThrow();
        assertNull(header.owner());
        assertEquals(TS, header.created());
        assertEquals(List.of(header, user(1)), read());
    }

    @Test
    void aConversationThatDoesNotExistReadsAsNothing() {
        assertTrue(journal.read(id).await().atMost(WAIT).isEmpty());
        assertTrue(journal.readRaw(id).await().atMost(WAIT).isEmpty());
        assertTrue(journal.header(id).await().atMost(WAIT).isEmpty());
        assertEquals(false, journal.readTurn(id, 1, -1, 10).await().atMost(WAIT).found());
        assertEquals(false, journal.delete(id).await().atMost(WAIT));
        assertEquals(List.of(), journal.list().await().atMost(WAIT));
    }

    @Test
    void aSecondLeaseIsRefusedUntilTheFirstIsReleased() {
        ConversationLease first = lease(LeasePurpose.TURN);
        ConversationBusyException busy = assertThrows(ConversationBusyException.class,
                () -> lease(LeasePurpose.DELETION));
        assertEquals(LeasePurpose.TURN, busy.heldFor());
        first.release();
        first.release(); // again: nothing happens
        ConversationLease second = lease(LeasePurpose.DELETION);
        assertEquals(LeasePurpose.DELETION,
                assertThrows(ConversationBusyException.class, () -> lease(LeasePurpose.TURN)).heldFor());
        second.release();
    }

    @Test
    void aReleasedLeaseCannotAppend() {
        ConversationLease lease = lease(LeasePurpose.TURN);
        lease.append(user(1)).await().atMost(WAIT);
        lease.release();
        assertThrows(IllegalStateException.class, () -> lease.append(new ChunkRecord(1, 1, "late")).await()
                .atMost(WAIT));
        assertEquals(2, read().size());
    }

    @Test
    void theRunningTurnIsReadWithTheRecordsWhileItsLeaseHoldsIt() {
        ConversationLease lease = lease(LeasePurpose.TURN);
        lease.runs(1);
        lease.append(user(1)).await().atMost(WAIT);
        assertEquals(OptionalInt.of(1), journal.read(id).await().atMost(WAIT).orElseThrow().runningTurn());
        lease.append(new EndRecord(1, TS, 0, "stop", null)).await().atMost(WAIT);
        lease.release();
        assertEquals(OptionalInt.empty(), journal.read(id).await().atMost(WAIT).orElseThrow().runningTurn());
    }

    @Test
    void whoeverIsHandedATurnsEndCanTakeTheConversationAtOnce() {
        ConversationLease lease = lease(LeasePurpose.TURN);
        lease.runs(1);
        lease.append(user(1)).await().atMost(WAIT);
        AtomicReference<Object> next = new AtomicReference<>();
        // the follower asks for the lease the moment it is handed the end, as a client that starts the next turn
        AssertSubscriber<JournalRecord> follower = journal.follow(id, 1, -1)
                .onItem().call(record -> record instanceof TerminalRecord
                        ? journal.lease(id, LeasePurpose.TURN).invoke(next::set)
                                .onFailure().recoverWithItem(failure -> {
                                    next.set(failure);
                                    return null;
                                })
                        : Uni.createFrom().voidItem())
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        // as a turn does: it lets go of its lease once its terminal record is written
        lease.append(new EndRecord(1, TS, 0, "stop", null)).subscribe().with(written -> lease.release());
        follower.awaitCompletion(WAIT);
        ConversationLease second = assertInstanceOf(ConversationLease.class, next.get(),
                "the next turn's lease, taken on seeing the end");
        second.release();
    }

    @Test
    void readTurnReadsOneTurnAfterAPositionWhateverCameBefore() {
        append(user(1));
        for (int seq = 1; seq <= 30; seq++) {
            append(new ChunkRecord(1, seq, "one"));
        }
        append(new EndRecord(1, TS, 30, "stop", null));
        append(user(2));
        append(new ChunkRecord(2, 1, "a"));
        append(new DetachedRecord(2, TS, 1, 0));
        append(new ChunkRecord(2, 2, "b"));
        AbortedRecord aborted = new AbortedRecord(2, TS, 2, 2, AbortedRecord.CLIENT_DISCONNECT);
        append(aborted);
        append(user(3));
        append(new ChunkRecord(3, 1, "cut off"));
        append(user(4)); // turn 3 has no terminal record: its writer died

        TurnPage whole = readTurn(2, -1, 100);
        assertEquals(List.of(user(2), new ChunkRecord(2, 1, "a"), new ChunkRecord(2, 2, "b"), aborted),
                whole.records(), "the prompt, the chunks and the terminal record, never a departure");
        assertTrue(whole.ended() && whole.hasTerminal());
        assertEquals(List.of(new ChunkRecord(2, 2, "b"), aborted), readTurn(2, 1, 100).records());
        TurnPage firstTwo = readTurn(2, -1, 2);
        assertEquals(List.of(user(2), new ChunkRecord(2, 1, "a")), firstTwo.records());
        assertEquals(false, firstTwo.ended());
        assertEquals(List.of(new EndRecord(1, TS, 30, "stop", null)),
                readTurn(1, TurnRecord.TERMINAL_POSITION - 1, 1).records());
        TurnPage cutOff = readTurn(3, 0, 100);
        assertEquals(List.of(new ChunkRecord(3, 1, "cut off")), cutOff.records());
        assertTrue(cutOff.ended() && !cutOff.hasTerminal(), "a later turn began: this one is over");
        TurnPage running = readTurn(4, -1, 100);
        assertEquals(List.of(user(4)), running.records());
        assertEquals(false, running.ended());
        assertTrue(readTurn(2, -1, 0).found());
        assertEquals(List.of(), readTurn(2, -1, 0).records());
        assertEquals(false, readTurn(5, -1, 100).found());
    }

    @Test
    void followersGetEveryRecordWithNoGapAndNoRepeatWhileAppendsRace() throws Exception {
        ConversationLease lease = lease(LeasePurpose.TURN);
        lease.runs(1);
        lease.append(user(1)).await().atMost(WAIT);
        for (int seq = 1; seq <= 5; seq++) {
            lease.append(new ChunkRecord(1, seq, "c" + seq)).await().atMost(WAIT);
        }
        AssertSubscriber<JournalRecord> fromStart = journal.follow(id, 1, -1).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        AssertSubscriber<JournalRecord> fromThree = journal.follow(id, 1, 3).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        AssertSubscriber<JournalRecord> slow = journal.follow(id, 1, 0).subscribe()
                .withSubscriber(AssertSubscriber.create(1));
        int last = 300;
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            List<Uni<Void>> appends = new ArrayList<>();
            for (int seq = 6; seq <= last; seq++) { // pipelined, as a running turn writes
                appends.add(lease.append(new ChunkRecord(1, seq, "c" + seq)).memoize().indefinitely());
            }
            appends.forEach(u -> u.subscribe().with(x -> {
            }));
            appends.forEach(u -> u.await().atMost(WAIT));
            lease.append(new EndRecord(1, TS, last, "stop", null)).await().atMost(WAIT);
        });
        AssertSubscriber<JournalRecord> alsoDuring = journal.follow(id, 1, 100).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        for (int i = 0; i < 40; i++) {
            slow.request(1);
            Thread.sleep(2);
        }
        writing.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        lease.release();
        slow.request(Long.MAX_VALUE);
        for (AssertSubscriber<JournalRecord> follower : List.of(fromStart, fromThree, slow, alsoDuring)) {
            follower.awaitCompletion(WAIT);
        }
        assertEquals(positions(0, last), positionsOf(fromStart.getItems()));
        assertEquals(positions(4, last), positionsOf(fromThree.getItems()));
        assertEquals(positions(1, last), positionsOf(slow.getItems()));
        assertEquals(positions(101, last), positionsOf(alsoDuring.getItems()));
        assertEquals("c1", ((ChunkRecord) fromStart.getItems().get(1)).text());
    }

    @Test
    void aFollowerOfAnEndedTurnGetsItAndCompletes() {
        append(user(1));
        append(new ChunkRecord(1, 1, "a"));
        append(new EndRecord(1, TS, 1, "stop", null));
        AssertSubscriber<JournalRecord> follower = journal.follow(id, 1, -1).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        follower.awaitCompletion(WAIT);
        assertEquals(positions(0, 1), positionsOf(follower.getItems()));
    }

    @Test
    void aFollowerOfATurnWhoseWriterDiedEndsAfterItsLastJournaledChunk() throws Exception {
        ConversationLease lease = lease(LeasePurpose.TURN);
        lease.runs(1);
        lease.append(user(1)).await().atMost(WAIT);
        lease.append(new ChunkRecord(1, 1, "a")).await().atMost(WAIT);
        lease.append(new ChunkRecord(1, 2, "b")).await().atMost(WAIT);
        journal = writerDies(journal, lease);
        AssertSubscriber<JournalRecord> follower = journal.follow(id, 1, -1).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        follower.awaitCompletion(WAIT);
        if (!healsDeadWritersTurns()) {
            assertEquals(List.of(0, 1, 2), positionsOf(follower.getItems()));
            return;
        }
        assertEquals(List.of(0, 1, 2, TurnRecord.TERMINAL_POSITION), positionsOf(follower.getItems()));
        AbortedRecord healed = assertInstanceOf(AbortedRecord.class, follower.getItems().get(3));
        assertEquals(AbortedRecord.SERVER_STOPPED, healed.reason());
        assertEquals(2, healed.journaled(), "every journaled chunk stays (I4)");
        assertEquals(2, healed.delivered(), "what the journal holds: the dead process's clients are unknown");
    }

    @Test
    void followingATurnThatIsNotThereFails() {
        append(user(1));
        journal.follow(id, 9, -1).subscribe().withSubscriber(AssertSubscriber.create(1))
                .awaitFailure(WAIT).assertFailedWith(UnknownTurnException.class);
        journal.follow(ConversationId.of("nobody"), 1, -1).subscribe().withSubscriber(AssertSubscriber.create(1))
                .awaitFailure(WAIT).assertFailedWith(UnknownTurnException.class);
    }

    @Test
    void listNamesEveryConversationAndDeleteRemovesOne() {
        ConversationId other = ConversationId.of("c2");
        append(user(1));
        journal.append(other, user(1)).await().atMost(WAIT);
        assertEquals(Set.of(id, other), Set.copyOf(journal.list().await().atMost(WAIT)));
        ConversationLease deletion = lease(LeasePurpose.DELETION);
        assertTrue(deletion.delete().await().atMost(WAIT));
        deletion.release();
        assertEquals(List.of(other), journal.list().await().atMost(WAIT));
        assertTrue(journal.read(id).await().atMost(WAIT).isEmpty());
        assertEquals(false, journal.delete(id).await().atMost(WAIT));
        append(user(1)); // the id can start again, afresh
        assertEquals(2, read().size());
    }

    private ConversationLease lease(LeasePurpose purpose) {
        return journal.lease(id, purpose).await().atMost(WAIT);
    }

    private void append(JournalRecord record) {
        journal.append(id, record).await().atMost(WAIT);
    }

    private List<JournalRecord> read() {
        return journal.read(id).await().atMost(WAIT).orElseThrow().records();
    }

    private TurnPage readTurn(int turn, int after, int limit) {
        return journal.readTurn(id, turn, after, limit).await().atMost(WAIT);
    }

    private static UserRecord user(int turn) {
        return new UserRecord(turn, TS, "prompt " + turn, "scripted", "m");
    }
}
