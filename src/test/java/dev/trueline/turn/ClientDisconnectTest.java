package dev.trueline.turn;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

@QuarkusTest
class ClientDisconnectTest {

    @TestHTTPResource("/api/conversations")
    URI conversations;

    @Inject
    ScriptedAdapter scripted;

    @Test
    void clientDisconnectRecordsDeliveredPrefixAndStopsTheAdapter() throws Exception {
        String cid = JournalFiles.newId("leave");
        int k = 5;
        List<String> received = new ArrayList<>();
        try (RawSseClient client = RawSseClient.post(turns(cid), "{\"prompt\":\"long answer #chunks=400 #delay-ms=20\"}")) {
            assertEquals("turn", client.next().event());
            while (received.size() < k) {
                received.add(client.next().json().getString("text"));
            }
        } // the socket is closed here, mid-stream

        JsonObject aborted = await().atMost(Duration.ofSeconds(2)).until(() -> terminal(cid), t -> t != null);
        assertEquals("aborted", aborted.getString("type"));
        assertEquals("client_disconnect", aborted.getString("reason"));
        JournalInvariants.check(JournalFiles.records(cid), 1, received);
        int delivered = aborted.getInteger("delivered");
        assertTrue(delivered >= k, "delivered " + delivered + " < " + k + " chunks the client read");

        // I5: the scripted model's timer was released, so it stops producing
        await().atMost(Duration.ofSeconds(2)).until(() -> scripted.activeStreams() == 0);
        long produced = scripted.chunksProduced();
        Thread.sleep(300); // ~15 scripted ticks: would produce chunks if the timer were still running
        assertEquals(produced, scripted.chunksProduced(), "the adapter kept producing after the client left");
        assertTrue(delivered < 400, "the turn should not have run to completion");

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
                        .until(() -> terminal(outcome.cid), t -> t != null);
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

    private static JsonObject terminal(String cid) {
        if (!JournalFiles.file(cid).toFile().exists()) {
            return null;
        }
        return JournalFiles.records(cid).stream()
                .filter(r -> List.of("end", "aborted", "failed").contains(r.getString("type")))
                .findFirst().orElse(null);
    }

    private URI turns(String cid) {
        return URI.create(conversations + "/" + cid + "/turns");
    }

    private record Outcome(String cid, List<String> received) {
    }
}
