package dev.trueline.turn;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.trueline.adapter.scripted.ScriptedAdapter;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.JournalInvariants;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

/** The Stop endpoint through real HTTP: the journal keeps exactly what the client says it rendered (I6). */
@QuarkusTest
class UserStopTest {

    @TestHTTPResource("/api/conversations")
    URI conversations;

    @Inject
    ScriptedAdapter scripted;

    @Inject
    LiveTurns live;

    @Test
    void stopJournalsExactlyTheRenderedChunksAndEndsTheStream() throws Exception {
        String cid = JournalFiles.newId("stop");
        int k = 4;
        List<String> rendered = new ArrayList<>();
        try (RawSseClient client = RawSseClient.post(turns(cid), "{\"prompt\":\"long answer #chunks=400 #delay-ms=20\"}")) {
            assertEquals("turn", client.next().event());
            // The client has received more than it "rendered": the server counts more handed over than K.
            int read = 0;
            while (read < k + 3) {
                SseEvent chunk = client.next();
                assertEquals("chunk", chunk.event());
                if (read < k) {
                    rendered.add(chunk.json().getString("text"));
                }
                read++;
            }

            given().contentType("application/json").header("Last-Event-ID", "1:" + k).post(stop(cid, 1)).then().statusCode(204);
            // once the stop is answered the conversation is free: the person's next prompt is not refused
            try (RawSseClient next = RawSseClient.post(turns(cid), "{\"prompt\":\"and now #chunks=2\"}")) {
                assertEquals(200, next.status(), next::errorBody);
                List<SseEvent> events = next.rest();
                assertEquals("end", events.get(events.size() - 1).event());
            }

            // the stream ends with the interrupted event: the answer keeps exactly the k chunks the stopper rendered
            List<SseEvent> rest = client.rest();
            SseEvent last = rest.get(rest.size() - 1);
            assertEquals("interrupted", last.event(), rest.toString());
            assertEquals("1:end", last.id());
            assertEquals("user_stop", last.json().getString("reason"));
            assertEquals(k, last.json().getInteger("chunks"));
            assertTrue(rest.subList(0, rest.size() - 1).stream().allMatch(e -> "chunk".equals(e.event())),
                    rest.toString());
        } // the page aborts its fetch right after: this must not journal a second terminal record (I3)

        List<JsonObject> records = JournalFiles.records(cid);
        JsonObject aborted = JournalInvariants.check(records, 1, rendered);
        assertEquals("aborted", aborted.getString("type"));
        assertEquals("user_stop", aborted.getString("reason"));
        assertEquals(k, aborted.getInteger("delivered"), "delivered is the client's Last-Event-ID, not the writes");
        assertTrue(aborted.getInteger("journaled") >= k + 3, aborted.toString());

        // I5: the scripted model was cancelled
        await().atMost(Duration.ofSeconds(5)).until(() -> scripted.activeStreams() == 0);
        // the client's disconnect after the stop changed nothing: the turn is gone from this instance (nothing
        // left that could write), and it has one terminal record
        await().atMost(Duration.ofSeconds(5)).until(() -> live.count() == 0);
        JournalInvariants.check(JournalFiles.records(cid), 1, rendered);
        assertEquals(1, JournalFiles.records(cid).stream().filter(r -> "aborted".equals(r.getString("type"))).count());

        // I4: the transcript shows exactly the rendered chunks
        JsonObject assistant = transcript(cid).getJsonArray("messages").getJsonObject(1);
        assertEquals("interrupted", assistant.getString("status"));
        assertEquals("user_stop", assistant.getString("reason"));
        assertEquals(String.join("", rendered), assistant.getString("text"));
        assertEquals(k, assistant.getInteger("delivered"));
    }

    /** The client's Last-Event-ID is its word, but it cannot claim chunks that were never journaled. */
    @Test
    void aLastEventIdBeyondTheChunksJournaledIsCappedAtThem() throws Exception {
        String cid = JournalFiles.newId("stopcap");
        try (RawSseClient client = RawSseClient.post(turns(cid), "{\"prompt\":\"long answer #chunks=400 #delay-ms=20\"}")) {
            client.next();
            client.readChunks(4);
            given().contentType("application/json").header("Last-Event-ID", "1:99999").post(stop(cid, 1)).then()
                    .statusCode(204);
            client.rest();
        }
        JsonObject aborted = JournalInvariants.check(JournalFiles.records(cid), 1, List.of());
        assertEquals("user_stop", aborted.getString("reason"));
        assertEquals(aborted.getInteger("journaled"), aborted.getInteger("delivered"), aborted.toString());
        assertTrue(aborted.getInteger("delivered") >= 4 && aborted.getInteger("delivered") < 400, aborted.toString());
    }

    @Test
    void stopWithoutLastEventIdKeepsNothingOfTheAnswer() throws Exception {
        String cid = JournalFiles.newId("stop0");
        try (RawSseClient client = RawSseClient.post(turns(cid), "{\"prompt\":\"long answer #chunks=400 #delay-ms=20\"}")) {
            assertEquals("turn", client.next().event());
            assertEquals("chunk", client.next().event()); // received, but never rendered

            given().contentType("application/json").post(stop(cid, 1)).then().statusCode(204);
            client.rest();
        }
        JsonObject aborted = JournalInvariants.check(JournalFiles.records(cid), 1, List.of());
        assertEquals("user_stop", aborted.getString("reason"));
        assertEquals(0, aborted.getInteger("delivered"));
        JsonObject assistant = transcript(cid).getJsonArray("messages").getJsonObject(1);
        assertEquals("interrupted", assistant.getString("status"));
        assertEquals("", assistant.getString("text", ""));
    }

    @Test
    void stoppingAFinishedTurnIs409AndAnUnknownOne404() throws Exception {
        String cid = JournalFiles.newId("stopdone");
        try (RawSseClient client = RawSseClient.post(turns(cid), "{\"prompt\":\"short #chunks=3 #delay-ms=1\"}")) {
            List<SseEvent> events = client.rest();
            assertEquals("end", events.get(events.size() - 1).event());
        }
        given().contentType("application/json").header("Last-Event-ID", "1:3").post(stop(cid, 1)).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("turn_not_running"));
        given().contentType("application/json").post(stop(cid, 2)).then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("turn_not_found"));
        given().contentType("application/json").post(stop(JournalFiles.newId("never"), 1)).then().statusCode(404)
                .body("code", equalTo("turn_not_found"));
        JsonObject end = JournalInvariants.check(JournalFiles.records(cid), 1, List.of());
        assertEquals("end", end.getString("type"), "a refused stop journals nothing");
    }

    @Test
    void aMalformedOrForeignLastEventIdIs400AndTheTurnRunsOn() throws Exception {
        String cid = JournalFiles.newId("stopbad");
        try (RawSseClient client = RawSseClient.post(turns(cid), "{\"prompt\":\"answer #chunks=40 #delay-ms=10\"}")) {
            assertEquals("turn", client.next().event());
            for (String bad : List.of("abc", "1:", "1:x", "-1:2", "2:3", "1:2:3")) {
                given().contentType("application/json").header("Last-Event-ID", bad).post(stop(cid, 1)).then().statusCode(400)
                        .contentType("application/problem+json").body("code", equalTo("bad_last_event_id"));
            }
            List<SseEvent> events = client.rest();
            assertEquals("end", events.get(events.size() - 1).event(), "a refused stop leaves the turn running");
        }
        given().contentType("application/json").header("Last-Event-ID", "1:1").post(conversations + "/bad.id/turns/1/stop")
                .then().statusCode(400)
                .body("code", equalTo("invalid_conversation_id"));
        assertNull(JournalFiles.records(cid).stream().filter(r -> "aborted".equals(r.getString("type")))
                .findFirst().orElse(null));
    }

    private URI turns(String cid) {
        return URI.create(conversations + "/" + cid + "/turns");
    }

    private String stop(String cid, int turn) {
        return conversations + "/" + cid + "/turns/" + turn + "/stop";
    }

    private JsonObject transcript(String cid) {
        return new JsonObject(RestAssured.get(conversations + "/" + cid).then().statusCode(200).extract().asString());
    }
}
