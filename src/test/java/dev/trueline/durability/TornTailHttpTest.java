package dev.trueline.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.trueline.journal.JournalCodec;
import dev.trueline.journal.file.JsonlJournal;
import dev.trueline.testing.RawSseClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** A torn last line left in a journal (power loss) is cut on first touch through HTTP and a new turn runs. */
@QuarkusTest
class TornTailHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    JsonlJournal journal;

    @TestHTTPResource("/")
    URL base;

    @Test
    void aTornLastLineIsCutOnFirstTouchAndTheNextTurnRuns() throws Exception {
        String cid = "torn-http-" + UUID.randomUUID();
        String lines = "{\"type\":\"conversation\",\"v\":1,\"id\":\"" + cid + "\",\"created\":\"2026-11-24T06:00:00Z\"}\n"
                + "{\"type\":\"user\",\"turn\":1,\"ts\":\"2026-11-24T06:00:01Z\",\"text\":\"Hi\"}\n"
                + "{\"type\":\"chunk\",\"turn\":1,\"seq\":1,\"text\":\"Hel\"}\n";
        String torn = "{\"type\":\"chunk\",\"turn\":1,\"seq\":2,\"te";
        Path file = journal.directory().resolve(cid + ".jsonl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, lines + torn);

        RawSseClient next = RawSseClient.streamTurn(base.toURI(), cid, "go on #chunks=2 #delay-ms=1");
        assertTrue(next.await(Duration.ofSeconds(60)));
        assertEquals(200, next.status(), next.errorBody());
        assertEquals("end", next.last().event());
        assertEquals(2, next.last().json().getInteger("turn"));

        byte[] raw = RestAssured.get("/api/conversations/" + cid + "/journal").asByteArray();
        assertEquals(List.of(), JournalCodec.decode(raw).repairs(), "the file does not parse whole");
        assertTrue(new String(raw, StandardCharsets.UTF_8).startsWith(lines), "journaled lines were lost");

        JsonNode transcript = JSON.readTree(RestAssured.get("/api/conversations/" + cid).asString());
        JsonNode repair = transcript.get("repairs").get(0);
        assertEquals("torn_tail", repair.get("kind").asText());
        assertEquals(lines.getBytes(StandardCharsets.UTF_8).length, repair.get("offset").asLong());
        assertEquals(torn.length(), repair.get("bytes").asLong());
        JsonNode messages = transcript.get("messages");
        assertEquals("Hel", messages.get(1).get("text").asText());
        assertEquals("server_stopped", messages.get(1).get("reason").asText());
        assertEquals("complete", messages.get(3).get("status").asText());
    }
}
