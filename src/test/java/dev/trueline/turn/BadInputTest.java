package dev.trueline.turn;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawHttp;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** Every refusal is an RFC 9457 problem with the right status, and nothing reaches the disk. */
@QuarkusTest
class BadInputTest {

    @TestHTTPResource("/")
    URI root;

    @ParameterizedTest
    @ValueSource(strings = { "%2E%2E", "..%2F..%2Fetc", "a%2Fb", "has%20space", "caf%C3%A9",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" /* 65 */,
            // refused by the id rule alone: nothing the HTTP layer would normalize or refuse on its own
            "a.b", "...", "x.jsonl", "a+b", "%41.b" })
    void invalidConversationIdsAre400BeforeAnyFileIsTouched(String rawId) throws Exception {
        Set<Path> before = filesAround();
        // a raw socket: HTTP clients would normalize '..' or re-encode the path before it reaches the server
        try (RawSseClient client = RawSseClient.post(URI.create(root + "api/conversations/" + rawId + "/turns"),
                "{\"prompt\":\"hi\"}")) {
            assertEquals(400, client.status(), () -> rawId + " -> " + client.errorBody());
            assertEquals("application/problem+json", client.header("content-type"));
            assertEquals("invalid_conversation_id", new io.vertx.core.json.JsonObject(client.errorBody()).getString("code"));
        }
        problem(given().get("api/conversations/" + rawId), 400, "invalid_conversation_id");
        problem(given().contentType("application/json").delete("api/conversations/" + rawId), 400, "invalid_conversation_id");
        assertEquals(before, filesAround(), "a file appeared or vanished");
    }

    /** {@code a;b} would be conversation {@code a} with a matrix parameter {@code b}: refused, not reinterpreted. */
    @Test
    void pathParametersAreRefused() throws Exception {
        String cid = JournalFiles.newId("matrix");
        Set<Path> before = filesAround();
        RawHttp.Response post = RawHttp.request(root, "POST", "/api/conversations/" + cid + ";b/turns")
                .header("Content-Type", "application/json").body("{\"prompt\":\"hi\"}".getBytes()).send();
        problem(post, 400, "invalid_path");
        problem(RawHttp.request(root, "GET", "/api/conversations/" + cid + ";v=1").send(), 400, "invalid_path");
        problem(RawHttp.request(root, "DELETE", "/api/conversations/" + cid + ";x").send(), 400, "invalid_path");
        assertEquals(before, filesAround(), "a file appeared or vanished");
    }

    /** Quarkus answers a URI that does not parse with an empty 400 of its own; Trueline answers with a problem. */
    @ParameterizedTest
    @ValueSource(strings = { "/api/conversations/%zz/turns", "/api/conversations/a%/turns", "/api/conversations/a|b" })
    void aUriThatIsNotValidIsA400Problem(String rawPath) throws Exception {
        problem(RawHttp.request(root, "POST", rawPath).header("Content-Type", "application/json")
                .body("{\"prompt\":\"hi\"}".getBytes()).send(), 400, "bad_request");
    }

    @Test
    void aRequestLineOverTheLimitIsA414Problem() throws Exception {
        RawHttp.Response response = RawHttp.request(root, "GET", "/api/conversations?x=" + "a".repeat(5000)).send();
        problem(response, 414, "uri_too_long");
        assertTrue(response.json().getString("detail").contains("trueline.http.max-request-line"), response::toString);
    }

    @Test
    void headersOverTheLimitAreA431Problem() throws Exception {
        RawHttp.Response response = RawHttp.request(root, "GET", "/api/conversations")
                .header("X-Padding", "p".repeat(25_000)).send();
        problem(response, 431, "headers_too_large");
        assertTrue(response.json().getString("detail").contains("trueline.http.max-header-size"), response::toString);
    }

    @Test
    void anEmptyConversationIdIs400() throws Exception {
        try (RawSseClient client = RawSseClient.post(URI.create(root + "api/conversations//turns"),
                "{\"prompt\":\"hi\"}")) {
            assertEquals(400, client.status(), client::errorBody);
            assertEquals("application/problem+json", client.header("content-type"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "{}", "{\"prompt\":\"\"}", "{\"prompt\":\"   \"}", "{\"prompt\":null}",
            "{\"prompt\":42}", "{\"prompt\":true}", "{\"prompt\":[\"a\"]}", "{\"prompt\":{\"a\":1}}", "[]", "\"hi\"",
            "{\"prompt\":\"hi\",\"model\":7}" })
    void missingEmptyOrNonStringPromptsAre400(String body) {
        String cid = JournalFiles.newId("bad");
        ValidatableResponse response = given().contentType("application/json").body(body)
                .post("api/conversations/" + cid + "/turns").then();
        response.statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("type", startsWith("/problems/"));
        assertEquals(false, JournalFiles.exists(cid), "a refused turn must not create a conversation");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"prompt\":", "{prompt: 'hi'}", "not json at all", "{\"prompt\":\"hi\"} trailing" })
    void malformedJsonIs400(String body) {
        String cid = JournalFiles.newId("bad");
        problem(given().contentType("application/json").body(body).post("api/conversations/" + cid + "/turns"),
                400, "malformed_json");
    }

    @Test
    void wrongContentTypeIs415() {
        problem(given().contentType("text/plain").body("{\"prompt\":\"hi\"}")
                .post("api/conversations/" + JournalFiles.newId("bad") + "/turns"), 415, "unsupported_media_type");
    }

    @Test
    void promptOverTheLimitIs413() {
        String cid = JournalFiles.newId("big");
        problem(given().contentType("application/json").body("{\"prompt\":\"" + "x".repeat(32_001) + "\"}")
                .post("api/conversations/" + cid + "/turns"), 413, "prompt_too_long");
        assertEquals(false, JournalFiles.exists(cid));
    }

    /**
     * A lone surrogate has no UTF-8 form: streamed it becomes {@code ?} while the journal keeps {@code \\uD800}, so
     * screen and journal would differ. Refused, and nothing is journaled.
     */
    @ParameterizedTest
    @ValueSource(strings = { "{\"prompt\":\"a\\ud800b\"}", "{\"prompt\":\"a\\udc00\"}", "{\"prompt\":\"\\ud83d\"}",
            "{\"prompt\":\"hi\",\"model\":\"m\\ud800\"}" })
    void aLoneSurrogateIsRefused(String body) {
        String cid = JournalFiles.newId("surrogate");
        Response response = given().contentType("application/json").body(body).post("api/conversations/" + cid + "/turns");
        problem(response, 400, body.contains("model") ? "invalid_model" : "invalid_prompt");
        assertTrue(response.jsonPath().getString("detail").contains("surrogate"), response.asString());
        assertEquals(false, JournalFiles.exists(cid), "a refused turn must not create a conversation");
    }

    /** A surrogate pair (an emoji) is one character: streamed and journaled the same. */
    @Test
    void aCharacterOutsideTheBasicPlaneIsStreamedAndJournaledTheSame() throws Exception {
        String cid = JournalFiles.newId("emoji");
        String prompt = "smile \uD83D\uDE00 #chunks=3 #delay-ms=1";
        try (RawSseClient turn = RawSseClient.startTurn(root, cid, prompt)) {
            List<SseEvent> events = turn.rest();
            String streamed = events.stream().filter(e -> "chunk".equals(e.event()))
                    .map(e -> e.json().getString("text")).collect(Collectors.joining());
            String journaled = JournalFiles.records(cid).stream().filter(r -> "chunk".equals(r.getString("type")))
                    .map(r -> r.getString("text")).collect(Collectors.joining());
            assertTrue(streamed.contains("\uD83D\uDE00"), streamed);
            assertEquals(streamed, journaled);
        }
    }

    @Test
    void aModelNameOverTheLimitIsRefused() {
        String cid = JournalFiles.newId("model");
        Response response = given().contentType("application/json")
                .body("{\"prompt\":\"hi\",\"model\":\"" + "m".repeat(201) + "\"}").post("api/conversations/" + cid + "/turns");
        problem(response, 400, "invalid_model");
        assertTrue(response.jsonPath().getString("detail").contains("trueline.turn.max-model-chars"), response.asString());
        assertEquals(false, JournalFiles.exists(cid));
    }

    /** The prompt limit counts characters (code points): 16001 emoji are 32002 UTF-16 units but within 32000. */
    @Test
    void thePromptLimitCountsCharactersNotUtf16Units() throws Exception {
        String emoji = "\uD83D\uDE00";
        String cid = JournalFiles.newId("emoji-limit");
        try (RawSseClient within = RawSseClient.startTurn(root, cid, "#chunks=1 #delay-ms=1 " + emoji.repeat(16_001))) {
            assertEquals(200, within.status(), within::errorBody);
            within.rest();
        }
        Response over = given().contentType("application/json")
                .body(new io.vertx.core.json.JsonObject().put("prompt", emoji.repeat(32_001)).encode())
                .post("api/conversations/" + JournalFiles.newId("emoji-over") + "/turns");
        problem(over, 413, "prompt_too_long");
        assertTrue(over.jsonPath().getString("detail").contains("32001 characters"), over.asString());
    }

    @Test
    void unknownConversationIs404() {
        String cid = JournalFiles.newId("nobody");
        problem(given().get("api/conversations/" + cid), 404, "conversation_not_found");
        problem(given().get("api/conversations/" + cid + "/journal"), 404, "conversation_not_found");
        problem(given().contentType("application/json").delete("api/conversations/" + cid), 404, "conversation_not_found");
    }

    private static void problem(RawHttp.Response response, int status, String code) {
        assertEquals(status, response.status(), response::toString);
        assertEquals("application/problem+json", response.header("content-type"), response::toString);
        assertEquals(status, response.json().getInteger("status"), response::toString);
        assertEquals(code, response.json().getString("code"), response::toString);
        assertEquals("/problems/" + code, response.json().getString("type"), response::toString);
    }

    private static void problem(Response response, int status, String code) {
        response.then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("code", equalTo(code))
                .body("type", equalTo("/problems/" + code));
    }

    /** Files in the journal dir and its parents up to target/, where a traversal would land. */
    private static Set<Path> filesAround() throws IOException {
        Path journal = Files.createDirectories(JournalFiles.dir()); // run alone, no turn may have created it yet
        Path target = journal.getParent();
        try (Stream<Path> a = Files.walk(journal, 1);
                Stream<Path> b = Files.walk(target, 1);
                Stream<Path> c = Files.walk(target.getParent(), 1)) {
            return Stream.of(a, b, c).flatMap(s -> s).filter(p -> !p.getFileName().toString().startsWith("surefire"))
                    .collect(Collectors.toSet());
        }
    }
}
