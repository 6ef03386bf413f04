package dev.trueline.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawHttp;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A body over {@code quarkus.http.limits.max-body-size} (1 MiB) is refused by the HTTP layer as a 413 problem,
 * declared or chunked, on a raw socket so that we see exactly what goes over the wire.
 */
@QuarkusTest
class OversizedBodyTest {

    private static final int OVER_LIMIT = 1024 * 1024 + 100 * 1024;

    @TestHTTPResource("/")
    URI root;

    @Test
    void aBodyOverTheLimitIsA413ProblemAndCreatesNothing() throws Exception {
        String cid = JournalFiles.newId("huge");
        RawHttp.Response response = post(cid, RawHttp.promptBodyOf(OVER_LIMIT), false);

        assertPayloadTooLarge(cid, response);
        assertTrue(response.json().getString("detail").contains(OVER_LIMIT + " bytes"), response::toString);
    }

    @Test
    void aBodyAtTheLimitIsReadAndJudgedByTheResource() throws Exception {
        // Exactly 1 MiB passes the HTTP layer; the prompt inside is then too long for the turn (32000 chars).
        String cid = JournalFiles.newId("limit");
        RawHttp.Response response = post(cid, RawHttp.promptBodyOf(1024 * 1024), false);

        assertEquals(413, response.status(), response::toString);
        assertEquals("prompt_too_long", response.json().getString("code"), response::toString);
        assertFalse(JournalFiles.exists(cid));
    }

    /** Without a declared length the body is read until it passes the limit: the same problem, nothing journaled. */
    @Test
    void aChunkedBodyOverTheLimitIsA413ProblemAndCreatesNothing() throws Exception {
        String cid = JournalFiles.newId("chunked");
        RawHttp.Response response = post(cid, RawHttp.promptBodyOf(2 * 1024 * 1024), true);

        assertPayloadTooLarge(cid, response);
        assertTrue(response.json().getString("detail").contains("chunked"), response::toString);
    }

    /** A chunked body within the limit is read as usual: the turn runs. */
    @Test
    void aChunkedBodyWithinTheLimitStartsTheTurn() throws Exception {
        String cid = JournalFiles.newId("chunked-ok");
        try (RawSseClient turn = RawSseClient.postChunked(URI.create(root + "api/conversations/" + cid + "/turns"),
                "{\"prompt\":\"small #chunks=2 #delay-ms=1\"}")) {
            assertEquals(200, turn.status(), turn::errorBody);
            List<SseEvent> events = turn.rest();
            assertEquals("end", events.get(events.size() - 1).event(), events.toString());
        }
    }

    private RawHttp.Response post(String cid, byte[] body, boolean chunked) throws Exception {
        RawHttp request = RawHttp.request(root, "POST", "/api/conversations/" + cid + "/turns")
                .header("Content-Type", "application/json").header("Accept", "text/event-stream").body(body);
        return (chunked ? request.chunked() : request).send();
    }

    private static void assertPayloadTooLarge(String cid, RawHttp.Response response) {
        assertEquals(413, response.status(), response::toString);
        assertEquals("application/problem+json", response.header("content-type"), response::toString);
        assertEquals("payload_too_large", response.json().getString("code"));
        assertEquals(413, response.json().getInteger("status"));
        assertEquals("/problems/payload_too_large", response.json().getString("type"));
        assertEquals("/api/conversations/" + cid + "/turns", response.json().getString("instance"));
        assertFalse(JournalFiles.exists(cid), "a refused turn must not create a conversation");
    }
}
