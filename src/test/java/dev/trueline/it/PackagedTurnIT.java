package dev.trueline.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.trueline.adapter.scripted.ScriptedReply;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/** The packaged app ({@code target/quarkus-app/quarkus-run.jar}, or the native executable) runs turns end to end. */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppConfig.class)
@WithTestResource(ItManagement.class)
class PackagedTurnIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private URI root;

    @BeforeEach
    void connect() {
        root = URI.create("http://localhost:" + RestAssured.port + "/"); // the port is known once the app runs
    }

    @Test
    void fullTurnStreamsTheAnswerJournalsItAndHealsToACompleteTranscript() throws Exception {
        String cid = "it-full-" + UUID.randomUUID();
        String prompt = "Hello from the packaged app #chunks=8 #delay-ms=5";

        List<SseEvent> events;
        try (RawSseClient response = RawSseClient.startTurn(root, cid, prompt)) {
            assertEquals(200, response.status());
            assertTrue(response.header("content-type").startsWith("text/event-stream"),
                    response.header("content-type"));
            events = response.rest();
        }
        assertEquals(10, events.size(), events.toString());
        assertEquals("turn", events.get(0).event());
        assertEquals("1:0", events.get(0).id());
        assertEquals(cid, events.get(0).json().getString("conversation"));
        StringBuilder text = new StringBuilder();
        for (int seq = 1; seq <= 8; seq++) {
            SseEvent chunk = events.get(seq);
            assertEquals("chunk", chunk.event());
            assertEquals("1:" + seq, chunk.id());
            text.append(chunk.json().getString("text"));
        }
        assertEquals(ScriptedReply.text(prompt, 8), text.toString());
        assertEquals("end", events.get(9).event());
        assertEquals(8, (int) events.get(9).json().getInteger("chunks"));

        List<JsonNode> journal = journal(cid);
        assertEquals(List.of("conversation", "user", "chunk", "chunk", "chunk", "chunk", "chunk", "chunk", "chunk",
                "chunk", "end"), journal.stream().map(r -> r.get("type").asText()).toList());

        JsonNode transcript = JSON.readTree(RestAssured.get("/api/conversations/" + cid).asString());
        JsonNode answer = transcript.get("messages").get(1);
        assertEquals("complete", answer.get("status").asText());
        assertEquals(text.toString(), answer.get("text").asText());
    }

    @Test
    void disconnectIsJournaledAsAbortedAndHealsToExactlyTheDeliveredPrefix() throws Exception {
        String cid = "it-leave-" + UUID.randomUUID();
        String prompt = "Tell me a long story #chunks=200 #delay-ms=40";

        List<SseEvent> received;
        try (RawSseClient leaving = RawSseClient.startTurn(root, cid, prompt)) {
            received = leaving.readChunks(3);
        } // closing the socket is the disconnect

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
        JsonNode answer = JSON.readTree(RestAssured.get("/api/conversations/" + cid).asString()).get("messages").get(1);
        String expected = String.join("", ScriptedReply.chunks(prompt, 200).subList(0, delivered));
        assertEquals("interrupted", answer.get("status").asText());
        assertEquals("client_disconnect", answer.get("reason").asText());
        assertEquals(expected, answer.get("text").asText());
        StringBuilder seen = new StringBuilder();
        for (SseEvent chunk : received) {
            seen.append(chunk.json().getString("text"));
        }
        assertTrue(expected.startsWith(seen.toString()), "transcript does not start with what the client saw");

        // The next turn continues the healed conversation: turn 2, messages still alternate.
        try (RawSseClient next = RawSseClient.startTurn(root, cid, "And then? #chunks=2 #delay-ms=1")) {
            assertEquals("2:0", next.rest().get(0).id());
        }
        JsonNode messages = JSON.readTree(RestAssured.get("/api/conversations/" + cid).asString()).get("messages");
        assertEquals(4, messages.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(i % 2 == 0 ? "user" : "assistant", messages.get(i).get("role").asText());
        }
    }

    private List<JsonNode> journal(String cid) throws Exception {
        Response raw = RestAssured.get("/api/conversations/" + cid + "/journal");
        List<JsonNode> records = new ArrayList<>();
        if (raw.statusCode() == 200) {
            for (String line : raw.asString().split("\n")) {
                records.add(JSON.readTree(line));
            }
        }
        return records;
    }
}
