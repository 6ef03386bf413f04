package dev.trueline.turn;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationLease;
import dev.trueline.journal.Journal;
import dev.trueline.journal.LeasePurpose;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawSseClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** One running turn per conversation: a second turn and a deletion wait their turn (409). */
@QuarkusTest
class ConflictTest {

    @TestHTTPResource("/api/conversations")
    URI conversations;

    @Inject
    Journal journal;

    /** A prompt that arrives while the conversation is being deleted is told just that, not that a turn runs. */
    @Test
    void aTurnAskedForDuringADeletionIs409ConversationBusy() {
        String cid = JournalFiles.newId("deleting");
        // the deletion in progress, as the delete endpoint holds it while its file goes
        ConversationLease deletion = journal.lease(ConversationId.of(cid), LeasePurpose.DELETION).await()
                .atMost(Duration.ofSeconds(5));
        try {
            given().contentType("application/json").body("{\"prompt\":\"hello\"}").post(conversations + "/" + cid
                    + "/turns").then().statusCode(409).contentType("application/problem+json")
                    .body("code", equalTo("conversation_busy"))
                    .body("detail", org.hamcrest.Matchers.containsString("being deleted"));
            given().contentType("application/json").delete(conversations + "/" + cid).then().statusCode(409)
                    .body("code", equalTo("conversation_busy"));
        } finally {
            deletion.release();
        }
        assertFalse(JournalFiles.exists(cid), "a refused turn writes nothing");
    }

    @Test
    void aSecondTurnAndADeleteWhileATurnRunsAre409() throws Exception {
        String cid = JournalFiles.newId("busy");
        URI turns = URI.create(conversations + "/" + cid + "/turns");
        // a turn that outlasts any test machine: it ends when this client leaves
        try (RawSseClient running = RawSseClient.post(turns, "{\"prompt\":\"slow #chunks=100000 #delay-ms=50\"}")) {
            assertEquals("turn", running.next().event());
            assertEquals("chunk", running.next().event());

            given().contentType("application/json").body("{\"prompt\":\"me too\"}").post(turns)
                    .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("turn_running"));
            given().contentType("application/json").delete(conversations + "/" + cid)
                    .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("turn_running"));
            given().get(conversations + "/" + cid).then().statusCode(200)
                    .body("messages[1].status", equalTo("in_progress"));
            assertEquals("chunk", running.next().event(), "the running turn was not disturbed");
        }
        // once the turn is over, both work
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get(conversations + "/" + cid)
                .then().extract().path("messages[1].status").equals("interrupted"));
        try (RawSseClient next = RawSseClient.post(turns, "{\"prompt\":\"now #chunks=2 #delay-ms=1\"}")) {
            assertEquals("2:0", next.next().id());
            next.rest();
        }
        given().contentType("application/json").delete(conversations + "/" + cid).then().statusCode(204);
        given().get(conversations + "/" + cid).then().statusCode(404);
    }
}
