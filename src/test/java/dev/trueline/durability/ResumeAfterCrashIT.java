package dev.trueline.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.trueline.testing.AppProcess;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.vertx.core.json.JsonObject;

/**
 * Kill -9 of the packaged app in the middle of a turn, a restart on the same journal, and a resume of that turn with
 * the Last-Event-ID its client had: the journaled chunks after it, then the healed end
 * ({@code interrupted}/{@code server_stopped}) as the stream's last event, never a hang.
 */
class ResumeAfterCrashIT {

    @Test
    void aResumeOfATurnCutOffByACrashGetsItsJournaledChunksThenServerStopped() throws Exception {
        Path dir = Files.createTempDirectory("trueline-resume-crash-");
        Path logs = Path.of("target", "resume-after-crash-it");
        String cid = JournalFiles.newId("crash");
        int seen;
        try (AppProcess first = AppProcess.start(dir, Map.of(), logs.resolve("first.log"))) {
            try (RawSseClient client = RawSseClient.startTurn(first.uri("/"), cid, "cut me off #chunks=400 #delay-ms=20")) {
                assertEquals("turn", client.next().event());
                List<SseEvent> chunks = client.readChunks(10);
                seen = chunks.get(9).json().getInteger("seq");
                first.kill(); // SIGKILL, mid-answer
            }
        }
        List<JsonObject> journal = JournalFiles.parse(Files.readString(dir.resolve(cid + ".jsonl")));
        long journaled = journal.stream().filter(r -> "chunk".equals(r.getString("type"))).count();
        assertTrue(journaled >= seen, "I1: received " + seen + ", journaled " + journaled);

        try (AppProcess second = AppProcess.start(dir, Map.of(), logs.resolve("second.log"))) {
            try (RawSseClient resumed = RawSseClient.resume(second.uri("/api/conversations/" + cid + "/turns/1/events"),
                    "1:" + seen)) {
                assertEquals(200, resumed.status(), resumed::errorBody);
                resumed.setReadTimeout(Duration.ofSeconds(20)); // a hang fails here instead of waiting forever
                List<SseEvent> events = resumed.rest();
                List<SseEvent> chunks = events.stream().filter(e -> "chunk".equals(e.event())).toList();
                assertEquals(journaled - seen, chunks.size(), events.toString());
                for (int i = 0; i < chunks.size(); i++) {
                    assertEquals(seen + 1 + i, chunks.get(i).json().getInteger("seq"));
                }
                SseEvent end = events.get(events.size() - 1);
                assertEquals("interrupted", end.event(), events.toString());
                assertEquals("1:end", end.id());
                assertEquals("server_stopped", end.json().getString("reason"));
                assertEquals(journaled, end.json().getInteger("chunks").longValue());
            }
            // naming that end stops an EventSource: 204
            try (RawSseClient again = RawSseClient.resume(second.uri("/api/conversations/" + cid + "/turns/1/events"),
                    "1:end")) {
                assertEquals(204, again.status());
            }
            // and the conversation goes on with a new turn
            try (RawSseClient next = RawSseClient.startTurn(second.uri("/"), cid, "and now #chunks=3 #delay-ms=1")) {
                List<SseEvent> events = next.rest();
                assertEquals("2:0", events.get(0).id());
                assertEquals("end", events.get(events.size() - 1).event());
            }
        }
    }
}
