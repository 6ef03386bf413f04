package dev.trueline.journal.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.trueline.journal.AbortedRecord;
import dev.trueline.journal.ChunkOutOfSequenceException;
import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationRecord;
import dev.trueline.journal.EndRecord;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.SyncMode;
import dev.trueline.journal.TurnClosedException;
import dev.trueline.journal.UserRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/** The JSONL journal on real files: order, accounting and the event-loop guard. */
class JsonlJournalTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Instant TS = Instant.parse("2026-11-24T06:00:00Z");

    @TempDir
    Path dir;

    private JsonlJournal journal;
    private final ConversationId id = ConversationId.of("c1");

    @BeforeEach
    void open() {
        journal = new JsonlJournal(TestJournalConfig.of(dir, SyncMode.ALWAYS), Fsync.FORCE);
    }

    @AfterEach
    void close() {
        journal.shutdown();
    }

    @Test
    void recordsOfOneConversationAreWrittenInSubmissionOrder() {
        append(new UserRecord(1, TS, "Hi", "scripted", "m"));
        // subscribe 200 appends at once: the shared pool must not reorder them
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
        append(new UserRecord(1, TS, "Hi", "scripted", "m"));
        append(new ChunkRecord(1, 1, "a"));
        append(new ChunkRecord(1, 2, "b"));
        append(new AbortedRecord(1, TS, 1, 0, AbortedRecord.CLIENT_DISCONNECT));
        Throwable late = assertThrows(TurnClosedException.class, () -> append(new ChunkRecord(1, 3, "c")));
        assertTrue(late.getMessage().contains("not open"));
        assertThrows(TurnClosedException.class, () -> append(new EndRecord(1, TS, 2, "stop", null)));
        AbortedRecord aborted = (AbortedRecord) read().get(4);
        assertEquals(1, aborted.delivered());
        assertEquals(2, aborted.journaled());
        assertEquals(5, read().size());
    }

    @Test
    void aChunkOutOfSequenceIsRefused() {
        append(new UserRecord(1, TS, "Hi", "scripted", "m"));
        append(new ChunkRecord(1, 1, "a"));
        assertThrows(ChunkOutOfSequenceException.class, () -> append(new ChunkRecord(1, 3, "c")));
        assertThrows(ChunkOutOfSequenceException.class, () -> append(new ChunkRecord(1, 1, "a")));
    }

    @Test
    void fileIoOnAnEventLoopThreadIsRefused() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            ConversationFile file = new ConversationFile(id, dir.resolve("c1.jsonl"));
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            vertx.runOnContext(v -> {
                try {
                    file.read();
                    failure.complete(null);
                } catch (Throwable t) {
                    failure.complete(t);
                }
            });
            Throwable t = failure.get(10, TimeUnit.SECONDS);
            assertInstanceOf(IllegalStateException.class, t);
            assertTrue(t.getMessage().contains("event-loop"));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void listAndDeleteSeeOnlyValidConversationFiles() throws Exception {
        append(new UserRecord(1, TS, "Hi", "scripted", "m"));
        Files.writeString(dir.resolve("not a conversation.jsonl"), "x\n");
        Files.writeString(dir.resolve("notes.txt"), "x\n");
        assertEquals(List.of(id), journal.list().await().atMost(WAIT));
        assertTrue(journal.delete(id).await().atMost(WAIT));
        assertEquals(List.of(), journal.list().await().atMost(WAIT));
        assertTrue(journal.read(id).await().atMost(WAIT).isEmpty());
    }

    private void append(JournalRecord record) {
        journal.append(id, record).await().atMost(WAIT);
    }

    private List<JournalRecord> read() {
        return journal.read(id).await().atMost(WAIT).orElseThrow().records();
    }
}
