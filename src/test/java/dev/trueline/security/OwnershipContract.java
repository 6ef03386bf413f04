package dev.trueline.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;

/**
 * Two principals, A and B, over real HTTP: B can neither list, read, read the raw journal of, start a turn in,
 * resume, stop nor delete A's conversation, and each refusal is the 404 B gets for an id nobody uses, byte for byte
 * once the ids are swapped (they are only in the problem's {@code instance}); B's attempts leave A's journal as it
 * was; and a new conversation's header names its owner. Run once per authentication mode by a subclass that says
 * how A and B authenticate.
 */
abstract class OwnershipContract {

    /** The {@code Authorization} header of principal A. */
    abstract String a();

    /** The {@code Authorization} header of principal B. */
    abstract String b();

    /** The principal name A's credential stands for. */
    abstract String aName();

    @Test
    void bGetsTheSame404ForAsConversationAsForAnIdNobodyUses() throws Exception {
        String mine = JournalFiles.newId("owned");
        Response first = turnStart(mine, a());
        assertEquals(200, first.statusCode(), first.asString());
        assertTrue(first.asString().contains("event:end"), first.asString());
        byte[] journal = JournalFiles.bytes(mine);
        assertEquals(aName(), JournalFiles.records(mine).get(0).getString("owner"), "the header names the owner");

        for (ApiEndpoints endpoint : ApiEndpoints.ALL) {
            if (endpoint.path().equals("/api/conversations")) {
                continue; // the list: below
            }
            String nobody = JournalFiles.newId("nobody");
            Response others = endpoint.call(mine, b());
            assertEquals(404, others.statusCode(), endpoint + ": " + others.asString());
            assertEquals("application/problem+json", others.contentType(), endpoint.toString());
            if (endpoint.path().endsWith("/turns")) {
                // a turn in an unused id starts a conversation: B's refusal is the 404 of reading one that is not,
                // whose instance (the path) differs by more than the id
                assertEquals(withoutInstance(transcript().call(nobody, b())), withoutInstance(others),
                        endpoint + " tells A's conversation apart from one nobody has");
            } else {
                assertEquals(endpoint.call(nobody, b()).asString(), others.asString().replace(mine, nobody),
                        endpoint + " tells A's conversation apart from one that does not exist");
            }
        }
        assertEquals(new String(journal, StandardCharsets.UTF_8),
                new String(JournalFiles.bytes(mine), StandardCharsets.UTF_8), "B's attempts changed A's journal");
        assertEquals(200, transcript().call(mine, a()).statusCode(), "A lost their conversation");
    }

    @Test
    void theListShowsEachPrincipalOnlyTheirOwnConversations() {
        String ofA = JournalFiles.newId("list-a");
        String ofB = JournalFiles.newId("list-b");
        assertEquals(200, turnStart(ofA, a()).statusCode());
        assertEquals(200, turnStart(ofB, b()).statusCode());

        List<String> seenByA = ids(a());
        List<String> seenByB = ids(b());
        assertTrue(seenByA.contains(ofA), seenByA.toString());
        assertFalse(seenByA.contains(ofB), "A sees B's conversation");
        assertTrue(seenByB.contains(ofB), seenByB.toString());
        assertFalse(seenByB.contains(ofA), "B sees A's conversation");
    }

    @Test
    void aRunningTurnOfAIsNeither409NorStoppableForB() throws Exception {
        String mine = JournalFiles.newId("running");
        URI turns = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/conversations/" + mine + "/turns");
        try (RawSseClient running = RawSseClient.postAuthorized(turns,
                new JsonObject().put("prompt", "long #chunks=2000 #delay-ms=10").encode(), a())) {
            assertEquals(200, running.status());
            running.readChunks(2);
            String nobody = JournalFiles.newId("nobody");
            // while A's turn runs, B's turn and delete would be 409 for A: for B they are the 404 of nobody's id
            Response start = turnStart(mine, b());
            Response delete = RestAssured.given().contentType("application/json").header("Authorization", b())
                    .delete("/api/conversations/" + mine);
            Response stop = RestAssured.given().contentType("application/json").header("Authorization", b())
                    .header("Last-Event-ID", "1:1").post("/api/conversations/" + mine + "/turns/1/stop");
            Response unknownRead = RestAssured.given().header("Authorization", b()).get("/api/conversations/" + nobody);
            Response unknownStop = RestAssured.given().contentType("application/json").header("Authorization", b())
                    .header("Last-Event-ID", "1:1").post("/api/conversations/" + nobody + "/turns/1/stop");
            assertEquals(withoutInstance(unknownRead), withoutInstance(start), "start: " + start.asString());
            assertEquals(unknownRead.asString(), delete.asString().replace(mine, nobody), "delete: " + delete.asString());
            assertEquals(unknownStop.asString(), stop.asString().replace(mine, nobody), "stop: " + stop.asString());

            List<SseEvent> more = running.readChunks(3);
            assertEquals(3, more.size(), "A's turn stopped streaming");
            assertEquals(204, RestAssured.given().contentType("application/json").header("Authorization", a())
                    .header("Last-Event-ID", more.get(2).id()).post("/api/conversations/" + mine + "/turns/1/stop")
                    .statusCode(), "A cannot stop their own turn");
        }
        JsonObject aborted = JournalFiles.terminal(mine, 1);
        assertEquals("user_stop", aborted.getString("reason"), aborted.encode());
        assertEquals(1, JournalFiles.records(mine, "user").size(), "B's turn was journaled");
    }

    @Test
    void aJournalWrittenBeforeOwnersExistedIsNobodysHere() throws Exception {
        String legacy = JournalFiles.newId("legacy");
        JournalFiles.plant(legacy, List.of(
                "{\"type\":\"conversation\",\"v\":1,\"id\":\"" + legacy + "\",\"created\":\"2026-01-01T00:00:00Z\"}",
                "{\"type\":\"user\",\"turn\":1,\"ts\":\"2026-01-01T00:00:00Z\",\"text\":\"old\",\"adapter\":\"scripted\","
                        + "\"model\":\"scripted-1\"}",
                "{\"type\":\"end\",\"turn\":1,\"ts\":\"2026-01-01T00:00:01Z\",\"chunks\":0,\"reason\":\"stop\"}"));
        assertEquals(3, JournalFiles.records(legacy).size(), "the old journal is where the backend keeps journals");
        // it belongs to the none-mode principal, whom no credential of this mode stands for
        assertEquals(404, RestAssured.given().header("Authorization", a()).get("/api/conversations/" + legacy)
                .statusCode());
        assertFalse(ids(a()).contains(legacy));
    }

    private static JsonObject withoutInstance(Response problem) {
        JsonObject json = new JsonObject(problem.asString());
        json.remove("instance");
        return json;
    }

    private static ApiEndpoints transcript() {
        return ApiEndpoints.ALL.stream().filter(e -> e.method().equals("GET")
                && e.path().equals("/api/conversations/{cid}")).findFirst().orElseThrow();
    }

    private List<String> ids(String authorization) {
        return RestAssured.given().header("Authorization", authorization).get("/api/conversations").jsonPath()
                .getList("id", String.class);
    }

    private static Response turnStart(String cid, String authorization) {
        return RestAssured.given().contentType("application/json").accept("text/event-stream")
                .header("Authorization", authorization).body("{\"prompt\":\"hello #chunks=2 #delay-ms=1\"}")
                .post("/api/conversations/" + cid + "/turns");
    }
}
