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

import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * What an operator of the packaged app sees: health probes, and metrics that move by exactly the right amounts
 * across a complete, a failed and an aborted turn (measured as differences of two scrapes around each turn; the
 * tests of this class run one at a time against one app).
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppConfig.class)
@WithTestResource(ItManagement.class)
class OperateIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private URI root;
    ItManagement.Root management;

    @BeforeEach
    void connect() {
        root = URI.create("http://localhost:" + RestAssured.port + "/");
    }

    @Test
    void healthProbesAreUpAndReadinessReportsTheUpstream() throws Exception {
        for (String probe : List.of("/q/health/live", "/q/health/started", "/q/health/ready", "/q/health")) {
            Response response = RestAssured.get(management.at(probe));
            assertEquals(200, response.statusCode(), probe + ": " + response.asString());
            assertEquals("UP", JSON.readTree(response.asString()).get("status").asText(), probe);
        }
        JsonNode upstream = check(JSON.readTree(RestAssured.get(management.at("/q/health/ready")).asString()),
                "trueline-upstream");
        assertEquals("UP", upstream.get("status").asText());
        assertEquals("scripted", upstream.get("data").get("kind").asText());
        assertEquals("embedded", upstream.get("data").get("host").asText());
    }

    @Test
    void completeTurnMovesTheCountersByItsChunks() throws Exception {
        PrometheusText before = scrape();
        try (RawSseClient turn = RawSseClient.startTurn(root, "it-metrics-end-" + UUID.randomUUID(),
                "Count me #chunks=5 #delay-ms=2")) {
            assertEquals(200, turn.status());
            turn.rest();
        }
        PrometheusText after = awaitIdle();

        assertEquals(1, delta(before, after, "trueline_turns_started_total"));
        assertEquals(1, delta(before, after, "trueline_turns_ended_total", "outcome", "end", "reason", "stop"));
        assertEquals(5, delta(before, after, "trueline_chunks_journaled_total"));
        assertEquals(5, delta(before, after, "trueline_chunks_delivered_total"));
        assertEquals(1, delta(before, after, "trueline_turns_first_chunk_seconds_count"));
        // header (naming the owner of the new conversation) + user + 5 chunks + end: each append is timed once
        assertEquals(8, delta(before, after, "trueline_journal_append_seconds_count"));
        assertEquals(0, delta(before, after, "trueline_upstream_errors_total", "code", "upstream_failed"));
        assertTrue(after.value("trueline_journal_append_seconds_bucket", "le", "+Inf") > 0, "append histogram");
    }

    @Test
    void failedTurnCountsItsUpstreamErrorAndTheChunksBeforeIt() throws Exception {
        String cid = "it-metrics-fail-" + UUID.randomUUID();
        PrometheusText before = scrape();
        List<SseEvent> events;
        try (RawSseClient turn = RawSseClient.startTurn(root, cid, "Fail me #chunks=10 #fail-after=3 #delay-ms=20")) {
            events = turn.rest();
        }
        assertEquals("error", events.get(events.size() - 1).event(), events.toString());
        PrometheusText after = awaitIdle();
        // The failure can overtake the append of the last chunk: the failed record says how many made it.
        JsonNode failed = records(cid).stream().filter(r -> r.get("type").asText().equals("failed")).findFirst()
                .orElseThrow();

        assertEquals(1, delta(before, after, "trueline_turns_started_total"));
        assertEquals(1, delta(before, after, "trueline_turns_ended_total",
                "outcome", "failed", "reason", "upstream_failed"));
        assertEquals(0, delta(before, after, "trueline_turns_ended_total", "outcome", "end", "reason", "stop"));
        assertEquals(failed.get("journaled").asInt(), delta(before, after, "trueline_chunks_journaled_total"));
        assertEquals(failed.get("delivered").asInt(), delta(before, after, "trueline_chunks_delivered_total"));
        assertEquals(events.stream().filter(e -> "chunk".equals(e.event())).count(),
                delta(before, after, "trueline_chunks_delivered_total"));
        assertTrue(failed.get("journaled").asInt() <= 3, failed.toString());
        assertEquals(1, delta(before, after, "trueline_upstream_errors_total", "code", "upstream_failed"));
    }

    @Test
    void abortedTurnCountsWhatTheJournalSaysWasDeliveredAndJournaled() throws Exception {
        String cid = "it-metrics-abort-" + UUID.randomUUID();
        PrometheusText before = scrape();
        try (RawSseClient leaving = RawSseClient.startTurn(root, cid, "Leave me #chunks=300 #delay-ms=30")) {
            leaving.readChunks(2);
        } // closing the socket is the disconnect
        PrometheusText after = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(this::scrape, s -> delta(before, s, "trueline_turns_ended_total",
                        "outcome", "aborted", "reason", "client_disconnect") == 1
                        && s.value("trueline_streams_active") == 0);
        JsonNode aborted = records(cid).stream().filter(r -> r.get("type").asText().equals("aborted")).findFirst()
                .orElseThrow();

        assertEquals(1, delta(before, after, "trueline_turns_started_total"));
        assertEquals(aborted.get("journaled").asInt(), delta(before, after, "trueline_chunks_journaled_total"));
        assertEquals(aborted.get("delivered").asInt(), delta(before, after, "trueline_chunks_delivered_total"));
        assertEquals(0, delta(before, after, "trueline_upstream_errors_total", "code", "upstream_failed"));
    }

    @Test
    void activeStreamsGaugeCountsARunningTurn() throws Exception {
        String cid = "it-metrics-active-" + UUID.randomUUID();
        // read in the background by the client's own thread; its outcome is checked below, not lost
        RawSseClient turn = RawSseClient.streamTurn(root, cid, "Take your time #chunks=20 #delay-ms=100");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> scrape().value("trueline_streams_active") == 1);
            assertTrue(turn.await(Duration.ofSeconds(60)), "the turn did not end within a minute");
            assertTrue(turn.endedCleanly(), () -> "the stream broke: " + turn.failure());
            assertEquals("end", turn.last().event());
        } finally {
            turn.closeQuietly();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> scrape().value("trueline_streams_active") == 0);
    }

    private PrometheusText scrape() throws Exception {
        Response metrics = RestAssured.get(management.at("/q/metrics"));
        assertEquals(200, metrics.statusCode());
        return PrometheusText.parse(metrics.asString());
    }

    /** A scrape taken once no turn stream is open, so the last terminal record's effects are all counted. */
    private PrometheusText awaitIdle() {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(this::scrape, s -> s.value("trueline_streams_active") == 0);
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private List<JsonNode> records(String cid) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String line : RestAssured.get("/api/conversations/" + cid + "/journal").asString().split("\n")) {
            records.add(JSON.readTree(line));
        }
        return records;
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.get("checks")) {
            if (name.equals(check.get("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no health check " + name + " in " + health);
    }
}
