package dev.trueline.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.trueline.adapter.scripted.ScriptedAdapter;
import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.FailedRecord;
import dev.trueline.journal.JournalCodec;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.file.JsonlJournal;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/** Journal write failures and an unwritable journal directory, inflicted on the running app. */
@QuarkusTest
@TestProfile(JournalFaultProfile.class)
class JournalFailureTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    JsonlJournal journal;

    @Inject
    ScriptedAdapter scripted;

    @TestHTTPResource("/")
    URL base;

    @Test
    void aChunkThatCannotBeJournaledIsNeverSentAndTheModelIsCancelled() throws Exception {
        String cid = "jfail-7-" + UUID.randomUUID();
        long producedBefore = scripted.chunksProduced();
        RawSseClient stream = RawSseClient.streamTurn(base.toURI(), cid, "fail me #chunks=400 #delay-ms=5");
        assertTrue(stream.await(PATIENCE));

        // I1: chunks 1..6 at most, then the error event; never chunk 7 or anything after it.
        List<SseEvent> chunks = stream.chunks();
        assertTrue(chunks.size() <= 6, "received " + chunks.size() + " chunks");
        for (int i = 0; i < chunks.size(); i++) {
            assertEquals(i + 1, chunks.get(i).json().getInteger("seq"));
        }
        SseEvent error = stream.last();
        assertEquals("error", error.event(), stream.received().toString());
        assertEquals("journal_unavailable", error.json().getString("code"));
        assertTrue(stream.endedCleanly(), "the stream must end with the error event, not a reset");

        // I5: the model was cancelled, long before its 400 chunks.
        Awaitility.await().atMost(PATIENCE).until(() -> scripted.activeStreams() == 0);
        long produced = scripted.chunksProduced() - producedBefore;
        assertTrue(produced < 400, "the model kept producing: " + produced);

        // Nothing journaled is lost; nothing after the failed chunk was written; the failure is accounted (I3).
        List<JournalRecord> records = JournalCodec.decode(RestAssured.get("/api/conversations/" + cid + "/journal")
                .asByteArray()).records();
        List<ChunkRecord> written = records.stream().filter(r -> r instanceof ChunkRecord).map(r -> (ChunkRecord) r)
                .toList();
        assertEquals(6, written.size(), records.toString());
        FailedRecord failed = (FailedRecord) records.get(records.size() - 1);
        assertEquals("journal_unavailable", failed.code());
        assertEquals(6, failed.journaled());
        assertEquals(chunks.size(), failed.delivered());

        JsonNode answer = JSON.readTree(RestAssured.get("/api/conversations/" + cid).asString())
                .get("messages").get(1);
        assertEquals("failed", answer.get("status").asText());
        assertEquals("journal_unavailable", answer.get("error").get("code").asText());
    }

    @Test
    void readinessIsDownAndNewTurnsGet503WhileTheJournalDirectoryCannotTakeAFile() throws Exception {
        String cid = "before-outage-" + UUID.randomUUID();
        assertEquals("end", finishedTurn(cid, "before #chunks=3 #delay-ms=1").last().event());
        awaitReadiness(200, "UP");

        // A real fault even for root: the directory is moved away and a plain file put in its place.
        Path dir = journal.directory();
        Path aside = dir.resolveSibling(dir.getFileName() + ".aside");
        Files.move(dir, aside);
        Files.writeString(dir, "not a directory");
        try {
            JsonNode check = awaitReadiness(503, "DOWN");
            assertTrue(check.get("data").get("problem").asText().contains("cannot write"), check.toString());

            Response refused = RestAssured.given().contentType("application/json")
                    .body("{\"prompt\":\"during the outage\"}")
                    .post("/api/conversations/" + cid + "/turns");
            assertEquals(503, refused.statusCode());
            assertEquals("application/problem+json", refused.contentType());
            assertEquals("journal_unavailable", refused.jsonPath().getString("code"));
            assertNotNull(refused.header("Retry-After"));
        } finally {
            Files.delete(dir);
            Files.move(aside, dir);
        }

        awaitReadiness(200, "UP");
        RawSseClient after = finishedTurn(cid, "after #chunks=3 #delay-ms=1");
        assertEquals("end", after.last().event());
        assertEquals(2, after.last().json().getInteger("turn"));
        JsonNode messages = JSON.readTree(RestAssured.get("/api/conversations/" + cid).asString()).get("messages");
        assertEquals(4, messages.size());
        assertEquals("complete", messages.get(1).get("status").asText(), "turn 1 was lost");
    }

    private RawSseClient finishedTurn(String cid, String prompt) throws Exception {
        RawSseClient stream = RawSseClient.streamTurn(base.toURI(), cid, prompt);
        assertTrue(stream.await(PATIENCE));
        assertEquals(200, stream.status(), stream.errorBody());
        return stream;
    }

    /** Waits for /q/health/ready to answer {@code status} and returns the journal check. */
    private static JsonNode awaitReadiness(int status, String journalStatus) {
        JsonNode[] check = new JsonNode[1];
        Awaitility.await().atMost(PATIENCE).until(() -> {
            Response ready = RestAssured.get("/q/health/ready");
            JsonNode body = JSON.readTree(ready.asString());
            for (JsonNode c : body.get("checks")) {
                if ("journal".equals(c.get("name").asText())) {
                    check[0] = c;
                }
            }
            return ready.statusCode() == status && check[0] != null
                    && journalStatus.equals(check[0].get("status").asText());
        });
        return check[0];
    }
}
