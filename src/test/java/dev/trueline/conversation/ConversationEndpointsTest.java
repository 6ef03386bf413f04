package dev.trueline.conversation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawSseClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

@QuarkusTest
class ConversationEndpointsTest {

    @TestHTTPResource("/api/conversations")
    URI conversations;

    @Test
    void listShowsTitleTurnsAndLastStatusNewestFirst() throws Exception {
        String older = JournalFiles.newId("older");
        String newer = JournalFiles.newId("newer");
        turn(older, "First question about   whitespace\nand lines #chunks=2 #delay-ms=1");
        turn(older, "second #chunks=2 #delay-ms=1");
        Thread.sleep(5); // record timestamps have millisecond resolution
        turn(newer, "#fail-after=1 #chunks=3 #delay-ms=1");

        JsonArray list = new JsonArray(given().get(conversations).then().statusCode(200)
                .contentType("application/json").extract().asString());
        List<String> ids = list.stream().map(o -> ((JsonObject) o).getString("id")).toList();
        assertTrue(ids.indexOf(newer) >= 0 && ids.indexOf(newer) < ids.indexOf(older), "newest first: " + ids);
        JsonObject o = list.getJsonObject(ids.indexOf(older));
        assertEquals("First question about whitespace and lines #chunks=2 #delay-ms=1", o.getString("title"));
        assertEquals(2, o.getInteger("turns"));
        assertEquals("complete", o.getString("status"));
        assertEquals("failed", list.getJsonObject(ids.indexOf(newer)).getString("status"));
    }

    @Test
    void failedTurnShowsItsPartialTextAndError() throws Exception {
        String cid = JournalFiles.newId("fails");
        List<String> events = turn(cid, "break please #fail-after=2 #chunks=5 #delay-ms=1");
        assertEquals(List.of("turn", "chunk", "chunk", "error"), events);
        JsonObject reply = new JsonObject(given().get(conversations + "/" + cid).then().statusCode(200).extract()
                .asString()).getJsonArray("messages").getJsonObject(1);
        assertEquals("failed", reply.getString("status"));
        assertEquals("upstream_failed", reply.getJsonObject("error").getString("code"));
        assertEquals(2, reply.getInteger("delivered"));
        JsonObject failed = JournalFiles.records(cid).get(JournalFiles.records(cid).size() - 1);
        assertEquals("failed", failed.getString("type"));
        assertEquals(2, failed.getInteger("journaled"));
    }

    @Test
    void rawJournalIsServedAsJsonlByteForByte() throws Exception {
        String cid = JournalFiles.newId("raw");
        turn(cid, "raw bytes ünïcödé 🙂 #chunks=4 #delay-ms=1");
        byte[] served = given().get(conversations + "/" + cid + "/journal").then().statusCode(200)
                .contentType("application/jsonl").extract().asByteArray();
        assertArrayEquals(JournalFiles.bytes(cid), served);
    }

    @Test
    void anUnreadableJournalIs503WithoutLeakingItsPath() throws Exception {
        String cid = JournalFiles.newId("unreadable");
        // a directory where the file should be (a string where the stream should be): reads fail for real
        try (JournalFiles.Unreadable unreadable = JournalFiles.makeUnreadable(cid)) {
            String body = given().get(conversations + "/" + cid).then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5")
                    .body("code", org.hamcrest.Matchers.equalTo("journal_unavailable")).extract().asString();
            assertTrue(!body.contains(unreadable.where()), "the problem leaks a server path: " + body);
        }
    }

    private List<String> turn(String cid, String prompt) throws Exception {
        try (RawSseClient c = RawSseClient.post(URI.create(conversations + "/" + cid + "/turns"),
                new JsonObject().put("prompt", prompt).encode())) {
            return c.rest().stream().map(e -> e.event()).toList();
        }
    }
}
