package dev.trueline.journal.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.EndRecord;
import dev.trueline.journal.JournalCodec;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.SyncMode;
import dev.trueline.journal.UserRecord;

/**
 * The sync modes over real files and real fsyncs. The fsync seam only observes and holds the real
 * {@code FileChannel.force}; it never replaces it.
 */
class JournalSyncTest {

    private static final ConversationId ID = ConversationId.of("sync-test");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private JsonlJournal journal;

    @AfterEach
    void close() {
        if (journal != null) {
            journal.shutdown();
        }
    }

    @Test
    void appendsQueuedBehindARunningFsyncShareTheNextOne() throws Exception {
        CountDownLatch firstFsyncEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstFsync = new CountDownLatch(1);
        AtomicLong entered = new AtomicLong();
        journal = new JsonlJournal(TestJournalConfig.of(dir, SyncMode.ALWAYS), channel -> {
            if (entered.incrementAndGet() == 1) {
                firstFsyncEntered.countDown();
                await(releaseFirstFsync);
            }
            channel.force(false);
        });

        CompletableFuture<Void> prompt = append(user(1));
        await(firstFsyncEntered);
        int n = 50;
        List<CompletableFuture<Void>> chunks = new ArrayList<>();
        for (int seq = 1; seq <= n; seq++) {
            chunks.add(append(new ChunkRecord(1, seq, "c" + seq)));
        }

        // The first fsync is held: nothing it has not returned from may complete, not even the prompt it covers.
        Thread.sleep(200);
        assertFalse(prompt.isDone(), "the prompt completed before its fsync returned");
        assertTrue(chunks.stream().noneMatch(CompletableFuture::isDone), "a chunk completed before any fsync");
        assertEquals(0, journal.fsyncs());

        releaseFirstFsync.countDown();
        CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        prompt.get(30, TimeUnit.SECONDS);

        // One fsync for the prompt, one shared by the 50 chunks that queued up while it ran.
        assertEquals(2, journal.fsyncs(), "fsyncs for 1 + " + n + " appends");
        List<JournalRecord> records = JournalCodec.decode(Files.readAllBytes(dir.resolve("sync-test.jsonl")))
                .records();
        assertEquals(n + 2, records.size());
        for (int seq = 1; seq <= n; seq++) {
            assertEquals(seq, ((ChunkRecord) records.get(seq + 1)).seq());
        }
    }

    @Test
    void noAppendCompletesBeforeAnFsyncCoveringItReturned() throws Exception {
        // Durable length = the file's length when an fsync returned; an append may complete only once its line
        // ends at or before it.
        AtomicLong durable = new AtomicLong();
        journal = new JsonlJournal(TestJournalConfig.of(dir, SyncMode.ALWAYS), channel -> {
            long length = channel.size();
            pause(2); // a slow disk widens every window in which an early completion could slip through
            channel.force(false);
            durable.set(Math.max(durable.get(), length));
        });
        append(user(1)).get(30, TimeUnit.SECONDS);
        int n = 300;
        List<CompletableFuture<Long>> seenAtCompletion = new ArrayList<>();
        for (int seq = 1; seq <= n; seq++) {
            seenAtCompletion.add(append(new ChunkRecord(1, seq, "chunk " + seq)).thenApply(v -> durable.get()));
            if (seq % 37 == 0) {
                Thread.sleep(3); // arrive in bursts, some while an fsync runs and some while none does
            }
        }
        CompletableFuture.allOf(seenAtCompletion.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        byte[] bytes = Files.readAllBytes(dir.resolve("sync-test.jsonl"));
        List<Long> lineEnds = lineEnds(bytes);
        for (int seq = 1; seq <= n; seq++) {
            long end = lineEnds.get(seq + 1); // header, prompt, then chunk 1 ...
            long seen = seenAtCompletion.get(seq - 1).get();
            assertTrue(end <= seen, "chunk " + seq + " ends at byte " + end + " but completed when only " + seen
                    + " bytes were fsynced");
        }
        System.out.printf("group commit: %d fsyncs for %d appends%n", journal.fsyncs(), n + 1);
        assertTrue(journal.fsyncs() < n + 1, "group commit: " + journal.fsyncs() + " fsyncs for " + (n + 1)
                + " appends");
    }

    @Test
    void noneModeNeverFsyncs() throws Exception {
        journal = new JsonlJournal(TestJournalConfig.of(dir, SyncMode.NONE), Fsync.FORCE);
        append(user(1)).get(30, TimeUnit.SECONDS);
        append(new ChunkRecord(1, 1, "x")).get(30, TimeUnit.SECONDS);
        append(new EndRecord(1, JournalRecord.now(), 1, "stop", null)).get(30, TimeUnit.SECONDS);
        assertEquals(0, journal.fsyncs());
        assertEquals(4, JournalCodec.decode(Files.readAllBytes(dir.resolve("sync-test.jsonl"))).records().size());
    }

    @Test
    void intervalModeForcesWrittenFilesInTheBackgroundAndIdleOnesNever() throws Exception {
        journal = new JsonlJournal(new TestJournalConfig(dir, SyncMode.INTERVAL, Duration.ofMillis(50)), Fsync.FORCE);
        append(user(1)).get(30, TimeUnit.SECONDS);
        append(new ChunkRecord(1, 1, "x")).get(30, TimeUnit.SECONDS);
        Awaitility.await().atMost(WAIT).until(() -> journal.fsyncs() >= 1);
        long afterWrites = journal.fsyncs();
        Thread.sleep(500); // ten intervals with nothing written
        assertEquals(afterWrites, journal.fsyncs(), "an idle file was forced again");
        append(new ChunkRecord(1, 2, "y")).get(30, TimeUnit.SECONDS);
        Awaitility.await().atMost(WAIT).until(() -> journal.fsyncs() > afterWrites);
    }

    private CompletableFuture<Void> append(JournalRecord record) {
        return journal.append(ID, record).subscribeAsCompletionStage();
    }

    private static UserRecord user(int turn) {
        return new UserRecord(turn, JournalRecord.now(), "hello", "scripted", "scripted-1");
    }

    private static List<Long> lineEnds(byte[] bytes) {
        List<Long> ends = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                ends.add((long) i + 1);
            }
        }
        return ends;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
