package dev.trueline.journal.noop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.trueline.testing.AppProcess;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;

/**
 * The no-op journal in the packaged app, the way {@code bench/run.sh --journal noop} runs it: refused in production,
 * and in the {@code bench} profile a conversation's turns stream end to end over real HTTP, resume works, and the
 * journal directory is never even created.
 */
class NoopJournalIT {

    private static final Map<String, String> NOOP = Map.of("trueline.journal.backend", "noop");

    @TempDir
    Path work;

    @Test
    void thePackagedAppRefusesToStartWithItInProduction() {
        Path journal = work.resolve("journal");
        IllegalStateException exited = assertThrows(IllegalStateException.class,
                () -> AppProcess.start(journal, NOOP, work.resolve("prod.log")).close());
        assertTrue(exited.getMessage().startsWith("the app exited with"), exited.getMessage());
        assertTrue(exited.getMessage().contains("trueline.journal.backend=noop stores no conversation at all")
                && exited.getMessage().contains("only in the profile 'bench'"), exited.getMessage());
        assertFalse(Files.exists(journal));
    }

    @Test
    void inTheBenchProfileTurnsStreamResumeAndNothingIsWritten() throws Exception {
        Path journal = work.resolve("journal");
        Map<String, String> bench = Map.of("trueline.journal.backend", "noop", "quarkus.profile", "prod,bench");
        try (AppProcess app = AppProcess.start(journal, bench, work.resolve("bench.log"))) {
            assertTrue(app.output().contains("conversations are journaled by the noop backend"), app.output());
            List<SseEvent> first = turn(app, "noop-1", "first #chunks=20 #delay-ms=1");
            assertEquals("1:0", first.get(0).id());
            assertEquals(20, first.stream().filter(e -> "chunk".equals(e.event())).count());
            assertEquals("end", first.get(first.size() - 1).event());

            List<SseEvent> second = turn(app, "noop-1", "second #chunks=10 #delay-ms=1");
            assertEquals("2:0", second.get(0).id(), "turn numbers go on in the conversation");
            List<SseEvent> rest;
            try (RawSseClient resumed = RawSseClient.resume(app.uri("/api/conversations/noop-1/turns/2/events"),
                    "2:4")) {
                assertEquals(200, resumed.status());
                rest = resumed.rest();
            }
            assertEquals(second.subList(5, second.size()).stream().map(SseEvent::id).toList(),
                    rest.stream().map(SseEvent::id).toList(), "a resume gets the rest of the finished turn");

            assertTrue(app.management("/q/health/ready").statusCode() == 200);
            app.stop(Duration.ofSeconds(30));
        }
        assertFalse(Files.exists(journal), "the no-op journal does not even create its directory");
    }

    private static List<SseEvent> turn(AppProcess app, String cid, String prompt) throws Exception {
        try (RawSseClient c = RawSseClient.post(app.uri("/api/conversations/" + cid + "/turns"),
                new io.vertx.core.json.JsonObject().put("prompt", prompt).encode())) {
            assertEquals(200, c.status());
            return c.rest();
        }
    }
}
