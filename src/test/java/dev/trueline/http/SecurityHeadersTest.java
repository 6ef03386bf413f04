package dev.trueline.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawHttp;
import dev.trueline.testing.RawSseClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * The security headers are on every kind of answer of the public port: the page and its files, API JSON, a turn's
 * SSE stream, and refusals decided at every layer (the router's first checks, a resource, Quarkus's own 404).
 */
@QuarkusTest
class SecurityHeadersTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void thePageAndItsFilesCarryThePolicy() {
        for (String path : new String[] { "/", "/index.html", "/js/app.js", "/css/app.css", "/favicon.svg" }) {
            Response response = RestAssured.get(path);
            assertEquals(200, response.statusCode(), path);
            assertPolicy(response::header, "GET " + path);
        }
    }

    @Test
    void apiAnswersCarryThePolicy() {
        Response list = RestAssured.get("/api/conversations");
        assertEquals(200, list.statusCode());
        assertPolicy(list::header, "the conversation list");
    }

    @Test
    void aTurnStreamCarriesThePolicy() throws Exception {
        try (RawSseClient turn = RawSseClient.startTurn(root, JournalFiles.newId("headers"),
                "hi #chunks=2 #delay-ms=1")) {
            assertEquals(200, turn.status());
            assertEquals("text/event-stream", turn.header("content-type"));
            assertPolicy(turn::header, "a turn's SSE stream");
            turn.rest();
        }
    }

    @Test
    void refusalsAtEveryLayerCarryThePolicy() throws Exception {
        // the router's first checks (ConversationPathGuard, RequestHeadChecks)
        RawHttp.Response badId = RawHttp.request(root, "GET", "/api/conversations/a.b").send();
        assertEquals(400, badId.status());
        assertPolicy(badId::header, "an invalid conversation id");
        RawHttp.Response badUri = RawHttp.request(root, "GET", "/api/conversations/%zz").send();
        assertEquals(400, badUri.status());
        assertPolicy(badUri::header, "an invalid URI");
        // a resource's refusal
        Response unknown = RestAssured.get("/api/conversations/" + JournalFiles.newId("nobody"));
        assertEquals(404, unknown.statusCode());
        assertPolicy(unknown::header, "an unknown conversation");
        // Quarkus's own 404 for a path nothing serves
        Response nothing = RestAssured.get("/no-such-file.txt");
        assertEquals(404, nothing.statusCode());
        assertPolicy(nothing::header, "a path nothing serves");
    }

    static void assertPolicy(Function<String, String> header, String what) {
        assertEquals("default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
                header.apply("Content-Security-Policy"), what);
        assertEquals("DENY", header.apply("X-Frame-Options"), what);
        assertEquals("nosniff", header.apply("X-Content-Type-Options"), what);
        assertEquals("no-referrer", header.apply("Referrer-Policy"), what);
    }
}
