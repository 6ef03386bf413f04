package dev.trueline.turn;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.trueline.adapter.scripted.ScriptedAdapter;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.JournalInvariants;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

@QuarkusTest
@TestProfile(ClientDisconnectTest.Grace.class)
class ClientDisconnectTest {

    static final Duration GRACE = Duration.ofMillis(500);

    /** A grace in which the model goes on, so that journaled and delivered differ and the test can tell them apart. */
    public static class Grace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("trueline.turn.reconnect-grace", GRACE.toMillis() + "ms",
                    "trueline.journal.dir", "target/journal-disconnect-test");
        }
    }

    @TestHTTPResource("/api/conversations")
    URI conversations;

    @Inject
    ScriptedAdapter scripted;

    @Test
    void clientDisconnectRecordsDeliveredPrefixAndStopsTheAdapter() throws Exception {
        String cid = JournalFiles.newId("leave");
        int k = 5;
        List<String> received = new ArrayList<>();
        long producedBefore = scripted.chunksProduced();
        // an answer only a cancel can stop: 100000 chunks 20 ms apart would take over half an hour
        try (RawSseClient client = RawSseClient.post(turns(cid),
                "{\"prompt\":\"long answer #chunks=100000 #delay-ms=20\"}")) {
            assertEquals("turn", client.next().event());
            while (received.size() < k) {
                received.add(client.next().json().getString("text"));
            }
        } // the socket is closed here, mid-stream

        JsonObject aborted = await().atMost(GRACE.plusSeconds(3)).until(() -> JournalFiles.terminal(cid, 1),
                t -> t != null);
        assertEquals("aborted", aborted.getString("type"));
        assertEquals("client_disconnect", aborted.getString("reason"));
        JournalInvariants.check(JournalFiles.records(cid), 1, received);
        // delivered is what was written to the connection: what the client read, plus what was on its way when it
        // closed (a chunk or so at this pace, I6); not what the journal holds, which grew through the grace
        int delivered = aborted.getInteger("delivered");
        assertTrue(delivered >= k && delivered <= k + 3, "delivered " + delivered + ", the client read " + k);
        assertTrue(aborted.getInteger("journaled") > delivered + 5, "the model ran on through the grace: " + aborted);

        // I5: the scripted model's timer was released, so it stops producing
        await().atMost(Duration.ofSeconds(3)).until(() -> scripted.activeStreams() == 0);
        long produced = scripted.chunksProduced();
        Thread.sleep(300); // ~15 scripted ticks: would produce chunks if the timer were still running
        assertEquals(produced, scripted.chunksProduced(), "the adapter kept producing after the client left");
        assertTrue(produced - producedBefore < 1000, "the model was not cancelled: " + (produced - producedBefore));

        // I4: the transcript shows exactly the delivered prefix, interrupted
        String shown = JournalFiles.records(cid).stream()
                .filter(r -> "chunk".equals(r.getString("type")) && r.getInteger("seq") <= delivered)
                .map(r -> r.getString("text")).reduce("", String::concat);
        JsonObject transcript = new JsonObject(RestAssured.get(conversations + "/" + cid).then().statusCode(200)
                .extract().asString());
        JsonObject assistant = transcript.getJsonArray("messages").getJsonObject(1);
        assertEquals("interrupted", assistant.getString("status"));
        assertEquals("client_disconnect", assistant.getString("reason"));
        assertEquals(shown, assistant.getString("text"));
        assertTrue(shown.startsWith(String.join("", received)));
    }

    @Test
    void fiftyConcurrentClientsDisconnectingAtRandomPointsKeepEveryJournalConsistent() throws Exception {
        int clients = 50;
        Random random = new Random(42);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int leaveAfter = random.nextInt(40); // 0..39 of 30 chunks: some clients read to the end
                String cid = JournalFiles.newId("crowd" + i);
                outcomes.add(pool.submit(() -> run(cid, leaveAfter)));
            }
            int aborted = 0;
            int ended = 0;
            for (Future<Outcome> future : outcomes) {
                Outcome outcome = future.get();
                JsonObject terminal = await().atMost(Duration.ofSeconds(10))
                        .until(() -> JournalFiles.terminal(outcome.cid, 1), t -> t != null);
                JournalInvariants.check(JournalFiles.records(outcome.cid), 1, outcome.received);
                if ("aborted".equals(terminal.getString("type"))) {
                    aborted++;
                } else {
                    ended++;
                }
            }
            assertTrue(aborted > 0 && ended > 0, "expected both outcomes, got aborted=" + aborted + " ended=" + ended);
        } finally {
            pool.shutdownNow();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> scripted.activeStreams() == 0);
    }

    private Outcome run(String cid, int leaveAfter) throws Exception {
        List<String> received = new ArrayList<>();
        try (RawSseClient client = RawSseClient.post(turns(cid), "{\"prompt\":\"crowd #chunks=30 #delay-ms=40\"}")) {
            client.next(); // turn
            for (SseEvent e = client.next(); e != null && received.size() < leaveAfter; e = client.next()) {
                if ("chunk".equals(e.event())) {
                    received.add(e.json().getString("text"));
                }
            }
        }
        return new Outcome(cid, received);
    }

    private URI turns(String cid) {
        return URI.create(conversations + "/" + cid + "/turns");
    }

    private record Outcome(String cid, List<String> received) {
    }
}
