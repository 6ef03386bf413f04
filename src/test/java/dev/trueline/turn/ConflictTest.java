package dev.trueline.turn;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** One running turn per conversation: a second turn and a deletion wait their turn (409). */
@QuarkusTest
class ConflictTest {

    @TestHTTPResource("/api/conversations")
    URI conversations;

    @Test
    void aSecondTurnAndADeleteWhileATurnRunsAre409() throws Exception {
        String cid = JournalFiles.newId("busy");
        URI turns = URI.create(conversations + "/" + cid + "/turns");
        try (RawSseClient running = RawSseClient.post(turns, "{\"prompt\":\"slow #chunks=50 #delay-ms=40\"}")) {
            assertEquals("turn", running.next().event());
            assertEquals("chunk", running.next().event());

            given().contentType("application/json").body("{\"prompt\":\"me too\"}").post(turns)
                    .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("turn_running"));
            given().delete(conversations + "/" + cid)
                    .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("turn_running"));
            given().get(conversations + "/" + cid).then().statusCode(200)
                    .body("messages[1].status", equalTo("in_progress"));

            List<SseEvent> rest = running.rest();
            assertEquals("end", rest.get(rest.size() - 1).event(), "the running turn was not disturbed");
        }
        // once the turn is over, both work
        try (RawSseClient next = RawSseClient.post(turns, "{\"prompt\":\"now #chunks=2 #delay-ms=1\"}")) {
            assertEquals("2:0", next.next().id());
            next.rest();
        }
        given().delete(conversations + "/" + cid).then().statusCode(204);
        given().get(conversations + "/" + cid).then().statusCode(404);
    }
}
