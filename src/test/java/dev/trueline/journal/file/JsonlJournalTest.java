package dev.trueline.journal.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.SyncMode;
import dev.trueline.journal.UserRecord;
import io.vertx.core.Vertx;

/**
 * What only the JSONL journal has, on real files: the event-loop guard, and listing that sees only conversation files.
 * What every journal does (order, accounting, refusals) is {@link JsonlJournalContractTest}.
 */
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

}
