package dev.trueline.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawSseClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/**
 * Per-principal limits over real HTTP in {@code token} mode: a principal's 5th running turn is refused with 429 and
 * {@code Retry-After} while another principal streams, and admitted once one of the four ends; a principal who
 * started a minute's worth of turns is refused with the seconds until the bucket has a token, and admitted after.
 */
@QuarkusTest
@TestProfile(LimitsProfile.class)
class PrincipalLimitsTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void theFifthRunningTurnOfOnePrincipalIs429WhileAnotherStillStreams() throws Exception {
        List<RawSseClient> running = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                RawSseClient turn = longTurn(LimitsProfile.ANNA);
                assertEquals(200, turn.status(), "turn " + (i + 1));
                turn.readChunks(1);
                running.add(turn);
            }
            Response fifth = shortTurn(LimitsProfile.ANNA);
            assertEquals(429, fifth.statusCode(), fifth.asString());
            assertEquals("application/problem+json", fifth.contentType());
            assertEquals("too_many_running_turns", fifth.jsonPath().getString("code"));
            assertEquals("1", fifth.header("Retry-After"));

            try (RawSseClient other = longTurn(LimitsProfile.BORIS)) {
                assertEquals(200, other.status(), "another principal is held back");
                assertEquals(2, other.readChunks(2).size());
            }
            for (RawSseClient turn : running) {
                assertEquals(2, turn.readChunks(2).size(), "a running turn stalled");
            }

            running.remove(0).close(); // a departure: with a 0 s grace in tests, the turn ends
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> shortTurn(LimitsProfile.ANNA).statusCode() == 200);
        } finally {
            for (RawSseClient turn : running) {
                turn.close();
            }
        }
    }

    @Test
    void aPrincipalOverTheMinutesBucketIs429UntilItRefills() {
        for (int i = 0; i < LimitsProfile.PER_MINUTE; i++) {
            assertEquals(200, shortTurn(LimitsProfile.CLARA).statusCode(), "turn " + (i + 1) + " of the burst");
        }
        Response over = shortTurn(LimitsProfile.CLARA);
        assertEquals(429, over.statusCode(), over.asString());
        assertEquals("turn_rate_exceeded", over.jsonPath().getString("code"));
        int retryAfter = Integer.parseInt(over.header("Retry-After"));
        // a bucket of 6 a minute refills one token every 10 s
        assertTrue(retryAfter >= 1 && retryAfter <= 10, "Retry-After " + retryAfter);
        assertEquals(200, shortTurn(LimitsProfile.BORIS).statusCode(), "one principal's bucket held back another");

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(retryAfter + 5))
                .pollDelay(java.time.Duration.ofSeconds(retryAfter))
                .until(() -> shortTurn(LimitsProfile.CLARA).statusCode() == 200);
    }

    private RawSseClient longTurn(String token) throws Exception {
        URI turns = root.resolve("/api/conversations/" + JournalFiles.newId("limits") + "/turns");
        return RawSseClient.postAuthorized(turns,
                new JsonObject().put("prompt", "long #chunks=2000 #delay-ms=20").encode(), "Bearer " + token);
    }

    private static Response shortTurn(String token) {
        return RestAssured.given().contentType("application/json").accept("text/event-stream")
                .header("Authorization", "Bearer " + token).body("{\"prompt\":\"hi #chunks=1 #delay-ms=1\"}")
                .post("/api/conversations/" + JournalFiles.newId("limits") + "/turns");
    }
}
