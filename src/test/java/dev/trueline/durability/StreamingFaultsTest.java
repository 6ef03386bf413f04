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
import dev.trueline.journal.AbortedRecord;
import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.EndRecord;
import dev.trueline.journal.JournalCodec;
import dev.trueline.journal.JournalRecord;
import dev.trueline.testing.RawSseClient;
import dev.trueline.turn.RunningTurns;
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
    RunningTurns running;

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
    void aClientThatStopsReadingIsDroppedWhileOthersStreamOn() throws Exception {
        String slowCid = "slow-" + UUID.randomUUID();
        long producedBefore = scripted.chunksProduced();
        // A small receive window, so the server's writes stall soon.
        try (RawSseClient slow = RawSseClient.post(base.toURI().resolve("/api/conversations/" + slowCid + "/turns"),
                "{\"prompt\":\"flood #chunks=20000 #delay-ms=1\"}", 4096)) {
            // ... and never reads. Meanwhile an ordinary stream must run to its end undisturbed.
            RawSseClient other = RawSseClient.streamTurn(base.toURI(), "beside-slow-" + UUID.randomUUID(),
                    "ordinary #chunks=200 #delay-ms=5");

            AbortedRecord aborted = awaitAborted(slowCid);
            assertEquals(AbortedRecord.SLOW_CLIENT, aborted.reason());
            assertTrue(aborted.journaled() - aborted.delivered() >= StreamingFaultsProfile.MAX_BUFFERED,
                    "journaled " + aborted.journaled() + ", delivered " + aborted.delivered());

            // The journal keeps every chunk it wrote: seq 1..journaled, none missing.
            List<ChunkRecord> chunks = journal(slowCid).stream().filter(r -> r instanceof ChunkRecord)
                    .map(r -> (ChunkRecord) r).toList();
            assertEquals(aborted.journaled(), chunks.size());
            for (int i = 0; i < chunks.size(); i++) {
                assertEquals(i + 1, chunks.get(i).seq());
            }
            // I5: the model was cancelled instead of generating 20000 chunks for nobody.
            Awaitility.await().atMost(PATIENCE).until(() -> running.count() <= 1);
            assertTrue(scripted.chunksProduced() - producedBefore < 20_000 + 200);

            // The slow client's connection was closed by the server: reading it now reaches its end.
            assertTrue(slow.drainsToClose(), "the slow client's connection was not closed");

            assertTrue(other.await(PATIENCE));
            assertEquals("end", other.last().event(), other.received().toString());
            assertEquals(200, other.chunks().size());
        }
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

    private static AbortedRecord awaitAborted(String cid) {
        AbortedRecord[] found = new AbortedRecord[1];
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (JournalRecord r : journal(cid)) {
                if (r instanceof AbortedRecord a) {
                    found[0] = a;
                }
                assertTrue(!(r instanceof EndRecord), "the turn ended: the whole flood fit in the socket buffers");
            }
            return found[0] != null;
        });
        return found[0];
    }

    private static List<JournalRecord> journal(String cid) {
        Response raw = RestAssured.get("/api/conversations/" + cid + "/journal");
        return raw.statusCode() == 200 ? JournalCodec.decode(raw.asByteArray()).records() : List.of();
    }
}
