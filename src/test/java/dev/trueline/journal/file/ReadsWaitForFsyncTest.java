package dev.trueline.journal.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.SyncMode;
import dev.trueline.journal.TurnPage;
import dev.trueline.journal.UserRecord;

/**
 * With {@code sync=always} a record counts as written once an fsync covers it (I1), and readers see only that: a
 * read that runs between a record's write and its fsync must not see the record, though it is in the file.
 */
class ReadsWaitForFsyncTest {

    private static final ConversationId ID = ConversationId.of("c1");
    private static final Instant TS = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private JsonlJournal journal;
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch held = new CountDownLatch(1);
    private final AtomicInteger fsyncs = new AtomicInteger();

    @AfterEach
    void close() {
        release.countDown();
        journal.shutdown();
    }

    @Test
    void aReadBetweenAWriteAndItsFsyncSeesTheFileOnlyAsFarAsItWasForced() throws Exception {
        // the second fsync (the one covering chunk 1) is held, so the queue stops right there
        journal = new JsonlJournal(TestJournalConfig.of(dir, SyncMode.ALWAYS), channel -> {
            if (fsyncs.incrementAndGet() == 2) {
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            channel.force(false);
        });
        journal.append(ID, new UserRecord(1, TS, "hi", "scripted", "m")).await().atMost(WAIT);
        CompletableFuture<Void> first = journal.append(ID, chunk(1)).subscribeAsCompletionStage();
        assertTrue(held.await(10, TimeUnit.SECONDS));
        // queued behind the held fsync, in this order: chunk 2's write, then the reads (chunk 2's own fsync is
        // only queued when its write runs, so it comes after them)
        CompletableFuture<Void> second = journal.append(ID, chunk(2)).subscribeAsCompletionStage();
        CompletableFuture<TurnPage> page = journal.readTurn(ID, 1, -1, 100).subscribeAsCompletionStage();
        CompletableFuture<byte[]> raw = journal.readRaw(ID).map(b -> b.orElseThrow()).subscribeAsCompletionStage();
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);

        List<JournalRecord> read = page.get(10, TimeUnit.SECONDS).records();
        assertEquals(List.of(new UserRecord(1, TS, "hi", "scripted", "m"), chunk(1)), read,
                "the reads ran after chunk 2 was written and before it was forced: they must not see it");
        String rawText = new String(raw.get(10, TimeUnit.SECONDS));
        assertTrue(rawText.contains("\"seq\":1") && !rawText.contains("\"seq\":2"), rawText);
        assertTrue(new String(Files.readAllBytes(dir.resolve("c1.jsonl"))).contains("\"seq\":2"),
                "chunk 2 is in the file by now");
        assertEquals(3, journal.readTurn(ID, 1, -1, 100).await().atMost(WAIT).records().size(),
                "once forced, it is readable");
    }

    private static ChunkRecord chunk(int seq) {
        return new ChunkRecord(1, seq, "c" + seq);
    }
}
