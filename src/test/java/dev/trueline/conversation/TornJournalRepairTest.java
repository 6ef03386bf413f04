package dev.trueline.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trueline.journal.JournalCodec;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A journal left torn by a crash is reported, then cut before the next append, which then appends cleanly. */
@QuarkusTest
class TornJournalRepairTest {

    @TestHTTPResource("/api/conversations")
    URI conversations;

    @Test
    void tornTailIsReportedThenCutAndTheNextTurnAppendsCleanly() throws Exception {
        String cid = JournalFiles.newId("torn");
        String torn = "{\"type\":\"chunk\",\"turn\":1,\"seq\":3,\"text\":\"lo";
        String journal = "{\"type\":\"conversation\",\"v\":1,\"id\":\"" + cid + "\",\"created\":\"2026-11-24T06:00:00Z\"}\n"
                + "{\"type\":\"user\",\"turn\":1,\"ts\":\"2026-11-24T06:00:01Z\",\"text\":\"Hi\"}\n"
                + "{\"type\":\"chunk\",\"turn\":1,\"seq\":1,\"text\":\"Hel\"}\n"
                + "{\"type\":\"chunk\",\"turn\":1,\"seq\":2,\"text\":\"lo\"}\n"
                + torn; // the process died in the middle of this write
        Files.createDirectories(JournalFiles.dir());
        Files.writeString(JournalFiles.file(cid), journal, StandardCharsets.UTF_8);

        JsonObject before = transcript(cid);
        JsonArray repairs = before.getJsonArray("repairs");
        assertEquals(1, repairs.size());
        assertEquals("torn_tail", repairs.getJsonObject(0).getString("kind"));
        assertEquals(torn.length(), repairs.getJsonObject(0).getInteger("bytes"));
        JsonObject crashed = before.getJsonArray("messages").getJsonObject(1);
        assertEquals("interrupted", crashed.getString("status"));
        assertEquals("server_stopped", crashed.getString("reason"));
        assertEquals("Hello", crashed.getString("text"));

        List<SseEvent> events;
        try (RawSseClient client = RawSseClient.post(URI.create(conversations + "/" + cid + "/turns"),
                "{\"prompt\":\"again #chunks=3 #delay-ms=1\"}")) {
            events = client.rest();
        }
        assertEquals("2:0", events.get(0).id(), "turn numbering continues after the crashed turn");
        assertEquals("end", events.get(events.size() - 1).event());

        byte[] repaired = Files.readAllBytes(JournalFiles.file(cid));
        assertTrue(JournalCodec.decode(repaired).repairs().isEmpty(), "the file parses whole after the repair");
        List<JsonObject> records = JournalFiles.records(cid);
        assertEquals("repair", records.get(4).getString("type"), "the cut is recorded where it happened");
        assertEquals(torn.length(), records.get(4).getInteger("bytes"));
        assertEquals("user", records.get(5).getString("type"));

        JsonObject after = transcript(cid);
        assertEquals(4, after.getJsonArray("messages").size());
        assertEquals("server_stopped", after.getJsonArray("messages").getJsonObject(1).getString("reason"));
        assertEquals("complete", after.getJsonArray("messages").getJsonObject(3).getString("status"));
        assertEquals(1, after.getJsonArray("repairs").size(), "the repair stays visible after the bytes are gone");
    }

    private JsonObject transcript(String cid) {
        return new JsonObject(RestAssured.get(conversations + "/" + cid).then().statusCode(200).extract().asString());
    }
}
