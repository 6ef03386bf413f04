package dev.trueline.journal.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.trueline.journal.AbortedRecord;
import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationRecord;
import dev.trueline.journal.EndRecord;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.JournalUnavailableException;
import dev.trueline.journal.SyncMode;
import dev.trueline.journal.UserRecord;
import io.smallrye.mutiny.Uni;

/**
 * The journal forgets a conversation once its queue is idle and it holds nothing worth keeping, never while a turn
 * is open or a sync is due, and never so that one conversation gets two queues (I2). Real files, real pool.
 */
class JournalEvictionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant TS = Instant.parse("2026-11-24T06:00:00Z");

    @TempDir
    Path dir;

    private JsonlJournal journal;

    @AfterEach
    void close() {
        if (journal != null) {
            journal.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(SyncMode.class)
    void readsOfConversationsThatDoNotExistLeaveNothingBehind(SyncMode sync) {
        journal = new JsonlJournal(TestJournalConfig.of(dir, sync), Fsync.FORCE);
        for (int i = 0; i < 300; i++) {
            ConversationId nobody = ConversationId.of("nobody-" + UUID.randomUUID());
            assertTrue(journal.read(nobody).await().atMost(WAIT).isEmpty());
            assertTrue(journal.readRaw(nobody).await().atMost(WAIT).isEmpty());
            assertEquals(false, journal.delete(nobody).await().atMost(WAIT));
        }
        // forgetting runs on the pool right after each queue ran dry, so it may trail the last answer a little
        awaitTrue(() -> journal.heldConversations() == 0, () -> journal.heldConversations() + " still held");
    }

    @ParameterizedTest
    @EnumSource(SyncMode.class)
    void anOpenTurnIsKeptAndAnEndedOneForgotten(SyncMode sync) {
        journal = new JsonlJournal(TestJournalConfig.of(dir, sync), Fsync.FORCE);
        ConversationId id = ConversationId.of("c1");
        append(id, new UserRecord(1, TS, "Hi", "scripted", "m"));
        append(id, new ChunkRecord(1, 1, "a"));
        // Idle queue, open turn: reads pass through, and the ledger (open turn, chunks written) survives them.
        for (int i = 0; i < 50; i++) {
            journal.read(id).await().atMost(WAIT);
        }
        assertEquals(1, journal.heldConversations());
        append(id, new ChunkRecord(1, 2, "b"));
        append(id, new AbortedRecord(1, TS, 1, 0, AbortedRecord.CLIENT_DISCONNECT));
        awaitTrue(() -> journal.heldConversations() == 0, () -> "the ended turn's conversation is still held");
        if (sync != SyncMode.NONE) {
            assertTrue(journal.fsyncs() >= 1, "forgotten before its records were forced");
        }

        // A forgotten conversation comes back from its file: the next turn appends after the last, no repair.
        append(id, new UserRecord(2, TS, "Again", "scripted", "m"));
        append(id, new ChunkRecord(2, 1, "c"));
        append(id, new EndRecord(2, TS, 1, "stop", null));
        List<JournalRecord> records = journal.read(id).await().atMost(WAIT).orElseThrow().records();
        assertEquals(List.of(ConversationRecord.class, UserRecord.class, ChunkRecord.class, ChunkRecord.class,
                AbortedRecord.class, UserRecord.class, ChunkRecord.class, EndRecord.class),
                records.stream().map(Object::getClass).toList());
        assertEquals(2, ((AbortedRecord) records.get(4)).journaled());
        awaitTrue(() -> journal.heldConversations() == 0, () -> "still held after the second turn");
    }

    /**
     * Turns pipelined like a real one (every record subscribed at once, in order) while other threads read the same
     * conversation and read missing ones, so its entry is forgotten and made again between turns all the time. Two
     * queues for one conversation would reorder records or refuse chunks of a turn the other queue opened.
     */
    @ParameterizedTest
    @EnumSource(value = SyncMode.class, names = { "ALWAYS", "NONE" })
    void hammeringOneConversationKeepsItsOrder(SyncMode sync) throws Exception {
        journal = new JsonlJournal(TestJournalConfig.of(dir, sync), Fsync.FORCE);
        ConversationId id = ConversationId.of("hammered");
        int turns = 400;
        int chunks = 4;
        // Mutiny's context propagation initializes itself on first use and that races when threads start together
        journal.read(id).await().atMost(WAIT);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService readers = Executors.newFixedThreadPool(4);
        List<Future<Integer>> reads = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            boolean own = r % 2 == 0;
            reads.add(readers.submit(() -> {
                int n = 0;
                while (writing.get()) {
                    ConversationId target = own ? id : ConversationId.of("missing-" + UUID.randomUUID());
                    journal.read(target).await().atMost(WAIT);
                    journal.readRaw(target).await().atMost(WAIT);
                    n++;
                }
                return n;
            }));
        }
        List<CompletableFuture<Void>> done = new ArrayList<>();
        try {
            for (int turn = 1; turn <= turns; turn++) {
                List<Uni<Void>> records = new ArrayList<>();
                records.add(journal.append(id, new UserRecord(turn, TS, "p" + turn, "scripted", "m")));
                for (int seq = 1; seq <= chunks; seq++) {
                    records.add(journal.append(id, new ChunkRecord(turn, seq, turn + "." + seq)));
                }
                records.add(journal.append(id, new EndRecord(turn, TS, chunks, "stop", null)));
                for (Uni<Void> record : records) { // subscribed in order, not awaited: as a running turn does
                    CompletableFuture<Void> f = new CompletableFuture<>();
                    record.subscribe().with(f::complete, f::completeExceptionally);
                    done.add(f);
                }
                if (turn % 2 == 0) {
                    // every other turn waits for its end, so the next one often finds the conversation forgotten;
                    // the others follow at once and race the forgetting of the drained queue
                    done.get(done.size() - 1).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                }
            }
            for (CompletableFuture<Void> f : done) {
                f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            writing.set(false);
            readers.shutdown();
        }
        for (Future<Integer> r : reads) {
            assertTrue(r.get(WAIT.toSeconds(), TimeUnit.SECONDS) > 0);
        }

        List<JournalRecord> records = journal.read(id).await().atMost(WAIT).orElseThrow().records();
        assertInstanceOf(ConversationRecord.class, records.get(0));
        assertEquals(1 + turns * (chunks + 2), records.size(), "records lost or added (a repair?)");
        int i = 1;
        for (int turn = 1; turn <= turns; turn++) {
            assertEquals(turn, ((UserRecord) records.get(i++)).turn());
            for (int seq = 1; seq <= chunks; seq++) {
                ChunkRecord chunk = (ChunkRecord) records.get(i++);
                assertEquals(turn + "." + seq, chunk.text(), "I2: out of order at record " + (i - 1));
            }
            EndRecord end = (EndRecord) records.get(i++);
            assertEquals(turn, end.turn());
        }
        awaitTrue(() -> journal.heldConversations() == 0, () -> journal.heldConversations() + " still held");
    }

    @Test
    void afterShutdownAnAppendFailsInsteadOfHanging() {
        journal = new JsonlJournal(TestJournalConfig.of(dir, SyncMode.ALWAYS), Fsync.FORCE);
        ConversationId id = ConversationId.of("late");
        append(id, new UserRecord(1, TS, "Hi", "scripted", "m"));
        journal.shutdown();
        Throwable refused = assertThrows(JournalUnavailableException.class,
                () -> append(id, new ChunkRecord(1, 1, "a")));
        assertTrue(refused.getMessage().contains("shut down"), refused::getMessage);
        assertThrows(JournalUnavailableException.class, () -> journal.read(id).await().atMost(WAIT));
    }

    @Test
    void tasksQueuedBehindARunningOneFailWhenThePoolShutsDownUnderThem() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        AtomicBoolean idle = new AtomicBoolean();
        SerialExecutor queue = new SerialExecutor(pool, () -> idle.set(true));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = new CompletableFuture<>();
        List<CompletableFuture<String>> behind = List.of(new CompletableFuture<>(), new CompletableFuture<>());
        assertTrue(queue.enqueue(SerialExecutor.Task.of(() -> {
            running.countDown();
            await(release);
            first.complete("ran");
        }, first::completeExceptionally)));
        queue.start();
        assertTrue(running.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        for (CompletableFuture<String> f : behind) {
            assertEquals(false, queue.enqueue(SerialExecutor.Task.of(() -> f.complete("ran"), f::completeExceptionally)));
        }
        pool.shutdown();
        release.countDown();

        assertEquals("ran", first.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        for (CompletableFuture<String> f : behind) {
            Throwable t = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> f.get(WAIT.toSeconds(), TimeUnit.SECONDS)).getCause();
            assertInstanceOf(JournalUnavailableException.class, t);
        }
        assertTrue(queue.idle(), "a refused queue must not stay marked running");
        assertTrue(pool.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    private void append(ConversationId id, JournalRecord record) {
        journal.append(id, record).await().atMost(WAIT);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(WAIT.toSeconds(), TimeUnit.SECONDS), "waited " + WAIT + " in vain");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    private static void awaitTrue(BooleanSupplier condition, java.util.function.Supplier<String> message) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(message.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
