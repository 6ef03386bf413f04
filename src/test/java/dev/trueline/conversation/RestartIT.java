package dev.trueline.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.trueline.testing.AppProcess;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A conversation outlives the process: after a restart its transcript is intact and turn numbers continue. */
class RestartIT {

    @TempDir
    Path journal;

    @Test
    void conversationSurvivesARestart() throws Exception {
        String cid = "restart-1";
        String before;
        try (AppProcess app = AppProcess.start(journal, Map.of())) {
            for (int turn = 1; turn <= 2; turn++) {
                try (RawSseClient c = RawSseClient.post(app.uri("/api/conversations/" + cid + "/turns"),
                        "{\"prompt\":\"before restart " + turn + " #chunks=4 #delay-ms=1\"}")) {
                    c.rest();
                }
            }
            before = RestAssured.get(app.uri("/api/conversations/" + cid)).then().statusCode(200).extract().asString();
            app.stop(Duration.ofSeconds(30));
        }
        try (AppProcess app = AppProcess.start(journal, Map.of())) {
            String after = RestAssured.get(app.uri("/api/conversations/" + cid)).then().statusCode(200)
                    .extract().asString();
            assertEquals(new JsonObject(before), new JsonObject(after), "the transcript changed across the restart");

            List<SseEvent> events;
            try (RawSseClient c = RawSseClient.post(app.uri("/api/conversations/" + cid + "/turns"),
                    "{\"prompt\":\"after restart #chunks=4 #delay-ms=1\"}")) {
                events = c.rest();
            }
            assertEquals("3:0", events.get(0).id(), "turn numbers continue from the journal");
            JsonArray messages = new JsonObject(RestAssured.get(app.uri("/api/conversations/" + cid)).then()
                    .statusCode(200).extract().asString()).getJsonArray("messages");
            assertEquals(6, messages.size());
            assertEquals("complete", messages.getJsonObject(5).getString("status"));
            app.stop(Duration.ofSeconds(30));
        }
    }
}
