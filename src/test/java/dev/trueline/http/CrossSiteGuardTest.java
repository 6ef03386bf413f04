package dev.trueline.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawHttp;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;

/**
 * In {@code none} mode (the default), a request that changes something must say {@code Content-Type:
 * application/json}, which a cross-site "simple request" cannot: a turn is not started, a turn is not stopped and a
 * conversation is not deleted by a request without it, and the refusal is a 415 problem. Reading needs nothing.
 */
@QuarkusTest
class CrossSiteGuardTest {

    /** What a page on another origin can send without a CORS preflight: no type, or one of the three simple ones. */
    private static final List<String> SIMPLE_TYPES = List.of("", "text/plain;charset=UTF-8",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x");

    @TestHTTPResource("/")
    URI root;

    @Test
    void aTurnIsNotStartedWithoutAJsonContentType() throws Exception {
        for (String type : SIMPLE_TYPES) {
            String cid = JournalFiles.newId("xsite-start");
            RawHttp request = RawHttp.request(root, "POST", "/api/conversations/" + cid + "/turns")
                    .body("{\"prompt\":\"started from another site\"}".getBytes(StandardCharsets.UTF_8));
            if (!type.isEmpty()) {
                request.header("Content-Type", type);
            }
            assertRefused(request.send(), "a turn with Content-Type '" + type + "'");
            assertFalse(Files.exists(JournalFiles.file(cid)), "a journal was created for " + type);
        }
    }

    @Test
    void jsonWithParametersAndInAnyCaseIsJson() {
        for (String type : List.of("application/json", "application/json; charset=utf-8", "Application/JSON")) {
            String cid = JournalFiles.newId("xsite-json");
            RestAssured.given().header("Content-Type", type).body("{\"prompt\":\"hi #chunks=1 #delay-ms=1\"}")
                    .post("/api/conversations/" + cid + "/turns").then().statusCode(200);
            assertTrue(Files.exists(JournalFiles.file(cid)), type);
        }
    }

    @Test
    void aTurnIsNotStoppedWithoutAJsonContentType() throws Exception {
        String cid = JournalFiles.newId("xsite-stop");
        try (RawSseClient turn = RawSseClient.startTurn(root, cid, "long #chunks=40 #delay-ms=20")) {
            turn.readChunks(2);
            for (String type : SIMPLE_TYPES) {
                RawHttp stop = RawHttp.request(root, "POST", "/api/conversations/" + cid + "/turns/1/stop")
                        .header("Last-Event-ID", "1:2");
                if (!type.isEmpty()) {
                    stop.header("Content-Type", type);
                }
                assertRefused(stop.send(), "a stop with Content-Type '" + type + "'");
            }
            List<SseEvent> rest = turn.rest();
            assertEquals("end", rest.get(rest.size() - 1).event(), "the turn ran to its end");
        }
        JsonObject last = JournalFiles.records(cid).get(JournalFiles.records(cid).size() - 1);
        assertEquals("end", last.getString("type"), "not stopped: " + last);
    }

    @Test
    void aStopWithAJsonContentTypeAndNoBodyStops() throws Exception {
        String cid = JournalFiles.newId("xsite-stop-ok");
        try (RawSseClient turn = RawSseClient.startTurn(root, cid, "long #chunks=200 #delay-ms=20")) {
            turn.readChunks(2);
            RestAssured.given().contentType("application/json").header("Last-Event-ID", "1:2")
                    .post("/api/conversations/" + cid + "/turns/1/stop").then().statusCode(204);
        }
        JsonObject last = JournalFiles.records(cid).get(JournalFiles.records(cid).size() - 1);
        assertEquals("user_stop", last.getString("reason"), last.encode());
    }

    @Test
    void aConversationIsNotDeletedWithoutAJsonContentType() throws Exception {
        String cid = JournalFiles.newId("xsite-delete");
        RestAssured.given().contentType("application/json").body("{\"prompt\":\"keep me #chunks=1 #delay-ms=1\"}")
                .post("/api/conversations/" + cid + "/turns").then().statusCode(200);
        for (String method : List.of("DELETE", "PUT", "PATCH")) {
            assertRefused(RawHttp.request(root, method, "/api/conversations/" + cid).send(), method);
        }
        assertTrue(Files.exists(JournalFiles.file(cid)));
        RestAssured.given().contentType("application/json").delete("/api/conversations/" + cid).then()
                .statusCode(204);
        assertFalse(Files.exists(JournalFiles.file(cid)));
    }

    @Test
    void readingNeedsNoContentType() throws Exception {
        for (String method : List.of("GET", "HEAD")) {
            assertEquals(200, RawHttp.request(root, method, "/api/conversations").send().status(), method);
        }
    }

    private static void assertRefused(RawHttp.Response response, String what) {
        assertEquals(415, response.status(), what + ": " + response.body());
        assertEquals("application/problem+json", response.header("content-type"), what);
        assertEquals("unsupported_media_type", response.json().getString("code"), what);
        SecurityHeadersTest.assertPolicy(response::header, what);
    }
}
