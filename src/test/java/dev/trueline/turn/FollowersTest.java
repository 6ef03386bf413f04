package dev.trueline.turn;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.trueline.adapter.scripted.ScriptedReply;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.JournalInvariants;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/** Several followers of one turn: each gets the whole reply, departures and the end are accounted for. */
@QuarkusTest
@TestProfile(FollowersTest.ShortGrace.class)
class FollowersTest {

    /** A grace short enough to see the turn end once everybody left. */
    public static class ShortGrace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("trueline.turn.reconnect-grace", "300ms", "trueline.journal.dir",
                    "target/journal-followers-test");
        }
    }

    @TestHTTPResource("/")
    URI root;

    @Test
    void twoFollowersBothGetTheWholeReply() throws Exception {
        String cid = JournalFiles.newId("two");
        String prompt = "for two #chunks=40 #delay-ms=10";
        try (RawSseClient first = RawSseClient.startTurn(root, cid, prompt)) {
            assertEquals("turn", first.next().event());
            first.readChunks(3);
            // a second tab comes in from the start, while the first keeps reading
            try (RawSseClient second = RawSseClient.resume(events(cid, 1), null)) {
                assertEquals(200, second.status());
                List<SseEvent> all = second.rest();
                assertEquals("turn", all.get(0).event());
                assertEquals(ScriptedReply.text(prompt, 40), text(all));
                assertEquals("end", all.get(all.size() - 1).event());
            }
            List<SseEvent> rest = first.rest();
            assertEquals(ScriptedReply.text(prompt, 40).substring(ScriptedReply.chunks(prompt, 40).subList(0, 3)
                    .stream().mapToInt(String::length).sum()), text(rest));
        }
        JsonObject end = JournalInvariants.check(JournalFiles.records(cid), 1, ScriptedReply.chunks(prompt, 40));
        assertEquals("end", end.getString("type"));
    }

    @Test
    void departuresAreJournaledAndDeliveredIsTheFurthestFollower() throws Exception {
        String cid = JournalFiles.newId("leave");
        String prompt = "until both left #chunks=2000 #delay-ms=10";
        RawSseClient early = RawSseClient.startTurn(root, cid, prompt);
        early.next();
        early.readChunks(5);
        RawSseClient late = RawSseClient.resume(events(cid, 1), "1:5");
        late.readChunks(25); // chunks 6..30
        early.close(); // the first leaves early ...
        await().atMost(Duration.ofSeconds(10)).until(() -> records(cid, "detached").size() == 1);
        late.readChunks(10); // ... the second reads on, to 40 at least
        late.close();

        JsonObject aborted = await().atMost(Duration.ofSeconds(20)).until(() -> records(cid, "aborted"),
                list -> !list.isEmpty()).get(0);
        List<JsonObject> detached = records(cid, "detached");
        assertEquals(2, detached.size(), detached.toString());
        JsonObject earlyLeft = detached.get(0);
        JsonObject lateLeft = detached.get(1);
        assertEquals(0, earlyLeft.getInteger("from"));
        assertTrue(earlyLeft.getInteger("delivered") >= 5, earlyLeft.toString());
        assertEquals(5, lateLeft.getInteger("from"), "the resume's Last-Event-ID, the client's own proof");
        assertTrue(lateLeft.getInteger("delivered") >= 40, lateLeft.toString());
        assertTrue(lateLeft.getInteger("delivered") < 2000, "the turn ran to its end: " + lateLeft);

        // delivered: the furthest any follower got; the model was cancelled for nobody (client_disconnect)
        assertEquals("client_disconnect", aborted.getString("reason"));
        int furthest = Math.max(earlyLeft.getInteger("delivered"), lateLeft.getInteger("delivered"));
        assertEquals(furthest, aborted.getInteger("delivered"), aborted.toString());
        assertTrue(aborted.getInteger("journaled") > furthest, "the model ran on through the grace: " + aborted);
        JournalInvariants.check(JournalFiles.records(cid), 1, List.of());

        // A resume now replays the answer as its transcript keeps it: up to what was delivered, not every chunk
        // journaled during the grace, then the interrupted end.
        try (RawSseClient after = RawSseClient.resume(events(cid, 1), "1:0")) {
            List<SseEvent> replay = after.rest();
            assertEquals(furthest, replay.stream().filter(e -> "chunk".equals(e.event())).count(), replay.toString());
            SseEvent end = replay.get(replay.size() - 1);
            assertEquals("interrupted", end.event());
            assertEquals("client_disconnect", end.json().getString("reason"));
            assertEquals(furthest, end.json().getInteger("chunks"));
        }
        JsonObject reply = new JsonObject(given().get(root.resolve("/api/conversations/" + cid)).asString())
                .getJsonArray("messages").getJsonObject(1);
        assertEquals(String.join("", ScriptedReply.chunks(prompt, 2000).subList(0, furthest)), reply.getString("text"));
    }

    @Test
    void stopWhileTwoFollowersStreamEndsBothAtTheStoppersLastEventId() throws Exception {
        String cid = JournalFiles.newId("stop2");
        String prompt = "stop us #chunks=2000 #delay-ms=10";
        try (RawSseClient stopper = RawSseClient.startTurn(root, cid, prompt);
                RawSseClient other = RawSseClient.resume(events(cid, 1), null)) {
            stopper.next();
            List<SseEvent> seen = stopper.readChunks(6);
            other.readChunks(8);
            given().contentType("application/json").header("Last-Event-ID", seen.get(5).id())
                    .post(root.resolve("/api/conversations/" + cid
                            + "/turns/1/stop"))
                    .then().statusCode(204);

            for (RawSseClient client : List.of(stopper, other)) {
                List<SseEvent> rest = client.rest();
                SseEvent last = rest.get(rest.size() - 1);
                assertEquals("interrupted", last.event(), rest.toString());
                assertEquals("user_stop", last.json().getString("reason"));
                assertEquals(6, last.json().getInteger("chunks"), "the answer keeps what the stopper saw");
            }
        }
        JsonObject aborted = records(cid, "aborted").get(0);
        assertEquals("user_stop", aborted.getString("reason"));
        assertEquals(6, aborted.getInteger("delivered"));
        JsonObject reply = new JsonObject(given().get(root.resolve("/api/conversations/" + cid)).asString())
                .getJsonArray("messages").getJsonObject(1);
        assertEquals(String.join("", ScriptedReply.chunks(prompt, 2000).subList(0, 6)), reply.getString("text"));
    }

    private URI events(String cid, int turn) {
        return root.resolve("/api/conversations/" + cid + "/turns/" + turn + "/events");
    }

    private static String text(List<SseEvent> events) {
        return events.stream().filter(e -> "chunk".equals(e.event())).map(e -> e.json().getString("text"))
                .collect(Collectors.joining());
    }

    private static List<JsonObject> records(String cid, String type) {
        return JournalFiles.records(cid).stream().filter(r -> type.equals(r.getString("type"))).toList();
    }
}
