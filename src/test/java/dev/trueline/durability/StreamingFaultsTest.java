package dev.trueline.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.trueline.adapter.scripted.ScriptedAdapter;
import dev.trueline.journal.JournalCodec;
import dev.trueline.journal.JournalRecord;
import dev.trueline.testing.RawSseClient;
import dev.trueline.turn.LiveTurns;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/** Silent models, clients that stop reading, and too many turns, over real sockets. */
@QuarkusTest
@TestProfile(StreamingFaultsProfile.class)
class StreamingFaultsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Inject
    ScriptedAdapter scripted;

    @Inject
    LiveTurns running;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void noTurnsLeftOver() {
        Awaitility.await().atMost(PATIENCE).until(() -> running.count() == 0);
    }

    @Test
    void aSilentModelYieldsPingCommentsAndAFlowingOneNone() throws Exception {
        // Silent for 1.5 s, five heartbeat intervals, before its first chunk.
        RawSseClient silent = RawSseClient.streamTurn(base.toURI(), "ping-" + UUID.randomUUID(),
                "think first #pause-ms=1500 #chunks=2 #delay-ms=1");
        assertTrue(silent.await(PATIENCE));
        assertTrue(silent.endedCleanly(), "the pings must stop with the turn");
        assertEquals("end", silent.last().event());
        assertTrue(silent.comments().size() >= 2, "pings: " + silent.comments());
        assertTrue(silent.comments().stream().allMatch("ping"::equals), silent.comments().toString());

        // A chunk every 20 ms: never silent for half an interval, so no ping.
        RawSseClient flowing = RawSseClient.streamTurn(base.toURI(), "noping-" + UUID.randomUUID(),
                "talk #chunks=60 #delay-ms=20");
        assertTrue(flowing.await(PATIENCE));
        assertEquals("end", flowing.last().event());
        assertEquals(List.of(), flowing.comments());
    }

    @Test
    void turnsBeyondMaxConcurrentGet503WithRetryAfter() throws Exception {
        List<RawSseClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < StreamingFaultsProfile.MAX_CONCURRENT; i++) {
                streams.add(RawSseClient.streamTurn(base.toURI(), "limit-" + i + "-" + UUID.randomUUID(),
                        "long #chunks=5000 #delay-ms=20"));
            }
            Awaitility.await().atMost(PATIENCE).until(() -> streams.stream().allMatch(s -> !s.received().isEmpty()));

            Response refused = RestAssured.given().contentType("application/json").body("{\"prompt\":\"one more\"}")
                    .post("/api/conversations/limit-extra-" + UUID.randomUUID() + "/turns");
            assertEquals(503, refused.statusCode());
            assertEquals("application/problem+json", refused.contentType());
            assertEquals("too_many_turns", refused.jsonPath().getString("code"));
            assertNotNull(refused.header("Retry-After"));
        } finally {
            streams.forEach(RawSseClient::closeQuietly);
        }
        Awaitility.await().atMost(PATIENCE).until(() -> running.count() == 0);
        RawSseClient after = RawSseClient.streamTurn(base.toURI(), "limit-after-" + UUID.randomUUID(),
                "#chunks=2 #delay-ms=1");
        assertTrue(after.await(PATIENCE));
        assertEquals("end", after.last().event());
    }

    private static List<JournalRecord> journal(String cid) {
        Response raw = RestAssured.get("/api/conversations/" + cid + "/journal");
        return raw.statusCode() == 200 ? JournalCodec.decode(raw.asByteArray()).records() : List.of();
    }
}
