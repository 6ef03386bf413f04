package dev.trueline.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.trueline.adapter.scripted.ScriptedReply;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/** The packaged app ({@code target/quarkus-app/quarkus-run.jar}, or the native executable) runs turns end to end. */
@QuarkusIntegrationTest
@WithTestResource(ItJournalDir.class)
class PackagedTurnIT {

    private TurnClient client;

    @BeforeEach
    void connect() {
        client = new TurnClient("localhost", RestAssured.port); // the port is known once the app runs
    }

    @Test
    void fullTurnStreamsTheAnswerJournalsItAndHealsToACompleteTranscript() throws Exception {
        String cid = "it-full-" + UUID.randomUUID();
        String prompt = "Hello from the packaged app #chunks=8 #delay-ms=5";

        TurnClient.Response response = client.turn(cid, prompt);

        assertEquals(200, response.status());
        assertTrue(response.contentType().startsWith("text/event-stream"), response.contentType());
        List<SseEvent> events = SseEvent.parseAll(response.body());
        assertEquals(10, events.size(), response.body());
        assertEquals("turn", events.get(0).event());
        assertEquals("1:0", events.get(0).id());
        assertEquals(cid, TurnClient.JSON.readTree(events.get(0).data()).get("conversation").asText());
        StringBuilder text = new StringBuilder();
        for (int seq = 1; seq <= 8; seq++) {
            SseEvent chunk = events.get(seq);
            assertEquals("chunk", chunk.event());
            assertEquals("1:" + seq, chunk.id());
            text.append(TurnClient.JSON.readTree(chunk.data()).get("text").asText());
        }
        assertEquals(ScriptedReply.text(prompt, 8), text.toString());
        assertEquals("end", events.get(9).event());
        assertEquals(8, TurnClient.JSON.readTree(events.get(9).data()).get("chunks").asInt());

        List<JsonNode> journal = journal(cid);
        assertEquals(List.of("conversation", "user", "chunk", "chunk", "chunk", "chunk", "chunk", "chunk", "chunk",
                "chunk", "end"), journal.stream().map(r -> r.get("type").asText()).toList());

        JsonNode transcript = client.get("/api/conversations/" + cid).json();
        JsonNode answer = transcript.get("messages").get(1);
        assertEquals("complete", answer.get("status").asText());
        assertEquals(text.toString(), answer.get("text").asText());
    }

    @Test
    void disconnectIsJournaledAsAbortedAndHealsToExactlyTheDeliveredPrefix() throws Exception {
        String cid = "it-leave-" + UUID.randomUUID();
        String prompt = "Tell me a long story #chunks=200 #delay-ms=40";

        List<SseEvent> received = client.turnAndLeaveAfter(cid, prompt, 3);

        JsonNode aborted = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> journal(cid).stream().filter(r -> r.get("type").asText().equals("aborted")).findFirst(),
                        java.util.Optional::isPresent)
                .get();
        int delivered = aborted.get("delivered").asInt();
        int journaled = aborted.get("journaled").asInt();
        assertEquals("client_disconnect", aborted.get("reason").asText());
        assertTrue(delivered >= received.size(), "delivered " + delivered + " < received " + received.size());
        assertTrue(delivered <= journaled, "delivered " + delivered + " > journaled " + journaled); // I3
        assertTrue(journaled < 200, "the model kept running after the client left: " + journaled);
        assertEquals(journaled, journal(cid).stream().filter(r -> r.get("type").asText().equals("chunk")).count());

        // I4: the healed transcript shows exactly the delivered prefix, which starts with what this client saw.
        JsonNode answer = client.get("/api/conversations/" + cid).json().get("messages").get(1);
        String expected = String.join("", ScriptedReply.chunks(prompt, 200).subList(0, delivered));
        assertEquals("interrupted", answer.get("status").asText());
        assertEquals("client_disconnect", answer.get("reason").asText());
        assertEquals(expected, answer.get("text").asText());
        StringBuilder seen = new StringBuilder();
        for (SseEvent chunk : received) {
            seen.append(TurnClient.JSON.readTree(chunk.data()).get("text").asText());
        }
        assertTrue(expected.startsWith(seen.toString()), "transcript does not start with what the client saw");

        // The next turn continues the healed conversation: turn 2, messages still alternate.
        TurnClient.Response next = client.turn(cid, "And then? #chunks=2 #delay-ms=1");
        assertEquals("2:0", SseEvent.parseAll(next.body()).get(0).id());
        JsonNode messages = client.get("/api/conversations/" + cid).json().get("messages");
        assertEquals(4, messages.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(i % 2 == 0 ? "user" : "assistant", messages.get(i).get("role").asText());
        }
    }

    private List<JsonNode> journal(String cid) throws Exception {
        TurnClient.Response raw = client.get("/api/conversations/" + cid + "/journal");
        List<JsonNode> records = new ArrayList<>();
        if (raw.status() == 200) {
            for (String line : raw.body().split("\n")) {
                records.add(TurnClient.JSON.readTree(line));
            }
        }
        return records;
    }
}
