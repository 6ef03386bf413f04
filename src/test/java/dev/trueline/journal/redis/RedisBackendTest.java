package dev.trueline.journal.redis;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.trueline.adapter.scripted.ScriptedReply;
import dev.trueline.journal.Journal;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.JournalInvariants;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.RedisServer;
import dev.trueline.testing.SseEvent;
import dev.trueline.testing.Transcripts;
import dev.trueline.testing.Turns;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The application with {@code trueline.journal.backend=redis}, over real HTTP against a real redis-server: turns,
 * transcripts, the raw journal, resumes, 409 and Stop behave as on the file journal, nothing is written to the journal
 * directory, and once the redis-server is stopped readiness is DOWN and a new turn is refused with 503.
 */
@QuarkusTest
@TestProfile(RedisBackendTest.OnRedis.class)
@WithTestResource(RedisServerResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisBackendTest {

    /** The Redis backend; a grace long enough for a resume, so a cut turn runs on to its end. */
    public static class OnRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("trueline.journal.backend", "redis", "trueline.turn.reconnect-grace", "20s",
                    "trueline.journal.dir", "target/journal-redis-backend-test");
        }
    }

    @TestHTTPResource("/")
    URI root;

    @Inject
    Journal journal;

    @RedisServerResource.Server
    RedisServer redis;

    @Test
    @Order(1)
    void aTurnStreamsInOrderAndItsTranscriptAndRawJournalHoldTheSameText() throws Exception {
        assertInstanceOf(RedisJournal.class, journal);
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'journal' }.status", equalTo("UP"));
        String cid = JournalFiles.newId("redis");
        String prompt = "Tell me about streams #chunks=12 #delay-ms=5";
        List<SseEvent> events = Turns.run(root, cid, new JsonObject().put("prompt", prompt));

        assertEquals(14, events.size(), () -> "events: " + events);
        assertEquals("turn", events.get(0).event());
        assertEquals("1:0", events.get(0).id());
        for (int seq = 1; seq <= 12; seq++) {
            assertEquals("chunk", events.get(seq).event());
            assertEquals("1:" + seq, events.get(seq).id());
        }
        assertEquals("end", events.get(13).event());
        assertEquals("1:end", events.get(13).id());
        String received = Turns.text(events);
        assertEquals(ScriptedReply.text(prompt, 12), received);

        JsonObject answer = Transcripts.lastMessage(cid);
        assertEquals("complete", answer.getString("status"), answer.encode());
        assertEquals(received, answer.getString("text"));

        String raw = given().get("/api/conversations/{cid}/journal", cid).then().statusCode(200).extract().asString();
        List<JsonObject> records = JournalFiles.parse(raw);
        List<String> types = new ArrayList<>(List.of("conversation", "user"));
        for (int i = 0; i < 12; i++) {
            types.add("chunk");
        }
        types.add("end");
        assertEquals(types, records.stream().map(r -> r.getString("type")).toList());
        assertEquals(1, records.get(0).getInteger("v"));
        assertEquals(cid, records.get(0).getString("id"));
        assertTrue(raw.endsWith("}\n"), "one JSON object per line, each ended by a newline");
        JournalInvariants.check(records, 1, Turns.chunkTexts(events));
        assertFalse(Files.exists(JournalFiles.file(cid)), "the file journal wrote it too");
    }

    @Test
    @Order(2)
    void aSecondTurnContinuesTheNumberingAndTheConversationKeepsTheFirst() throws Exception {
        String cid = JournalFiles.newId("redis-two");
        List<SseEvent> first = Turns.run(root, cid, new JsonObject().put("prompt", "one #chunks=3 #delay-ms=1"));
        List<SseEvent> second = Turns.run(root, cid, new JsonObject().put("prompt", "two #chunks=4 #delay-ms=1"));
        assertEquals("2:0", second.get(0).id());
        assertEquals("2:4", second.get(4).id());
        assertEquals("2:end", Turns.last(second).id());
        assertEquals(2, Turns.last(second).json().getInteger("turn"));
        // the history the model is given is read from the journal the way the transcript is
        JsonArray messages = Transcripts.of(cid).getJsonArray("messages");
        assertEquals(4, messages.size(), messages.encode());
        assertEquals("one #chunks=3 #delay-ms=1", messages.getJsonObject(0).getString("text"));
        assertEquals(Turns.text(first), messages.getJsonObject(1).getString("text"));
        assertEquals(Turns.text(second), messages.getJsonObject(3).getString("text"));
    }

    @Test
    @Order(3)
    void aClientCutAfterSomeChunksResumesWithLastEventIdAndGetsExactlyTheRest() throws Exception {
        String cid = JournalFiles.newId("redis-resume");
        int n = 30;
        int k = 7;
        String prompt = "resume me #chunks=" + n + " #delay-ms=20";
        List<SseEvent> chunks = new ArrayList<>();
        try (RawSseClient client = RawSseClient.startTurn(root, cid, prompt)) {
            assertEquals("turn", client.next().event());
            chunks.addAll(client.readChunks(k));
            client.reset();
        }
        List<SseEvent> rest;
        try (RawSseClient resumed = RawSseClient.resume(root.resolve("/api/conversations/" + cid + "/turns/1/events"),
                "1:" + k)) {
            assertEquals(200, resumed.status(), resumed::errorBody);
            rest = resumed.rest();
        }
        rest.stream().filter(e -> "chunk".equals(e.event())).forEach(chunks::add);
        for (int i = 0; i < n; i++) {
            assertEquals("1:" + (i + 1), chunks.get(i).id(), "no gap, no repeat: " + chunks);
        }
        assertEquals(n, chunks.size(), () -> "no gap, no repeat: " + chunks);
        assertEquals("1:end", Turns.last(rest).id());
        assertEquals(ScriptedReply.text(prompt, n), Turns.text(chunks));
    }

    @Test
    @Order(4)
    void aSecondTurnWhileOneRunsIs409AndStopJournalsTheDeliveredCount() throws Exception {
        String cid = JournalFiles.newId("redis-stop");
        int k = 4;
        String turns = "/api/conversations/" + cid + "/turns";
        try (RawSseClient client = RawSseClient.startTurn(root, cid, "long answer #chunks=400 #delay-ms=20")) {
            assertEquals("turn", client.next().event());
            List<SseEvent> read = client.readChunks(k + 2);
            given().contentType("application/json").body("{\"prompt\":\"me too\"}").post(turns).then()
                    .statusCode(409).body("code", equalTo("turn_running"));

            given().contentType("application/json").header("Last-Event-ID", "1:" + k).post(turns + "/1/stop").then()
                    .statusCode(204);
            SseEvent last = Turns.last(client.rest());
            assertEquals("interrupted", last.event());
            assertEquals("user_stop", last.json().getString("reason"));

            List<JsonObject> records = JournalFiles.parse(given().get("/api/conversations/{cid}/journal", cid).then()
                    .statusCode(200).extract().asString());
            JsonObject aborted = JournalInvariants.check(records, 1,
                    Turns.chunkTexts(read.subList(0, k)));
            assertEquals("aborted", aborted.getString("type"));
            assertEquals("user_stop", aborted.getString("reason"));
            assertEquals(k, aborted.getInteger("delivered"));
            assertTrue(aborted.getInteger("journaled") >= k + 2, aborted.encode());
        }
    }

    /** Last: it stops the redis-server the others used. */
    @Test
    @Order(5)
    void withRedisStoppedReadinessIsDownAndANewTurnIs503() throws Exception {
        ProcessHandle server = ProcessHandle.of(redis.pid()).orElseThrow();
        server.destroy(); // SIGTERM to this PID only
        server.onExit().get();

        await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/q/health/ready").statusCode() == 503);
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'journal' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'journal' }.data.problem", containsString("Redis"));
        String cid = JournalFiles.newId("redis-gone");
        given().contentType("application/json").body("{\"prompt\":\"hi\"}").post("/api/conversations/" + cid
                + "/turns").then().statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("journal_unavailable"));
    }
}
