package dev.trueline.turn;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawSseClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every refusal is an RFC 9457 problem with the right status, and nothing reaches the disk. */
@QuarkusTest
class BadInputTest {

    @TestHTTPResource("/")
    URI root;

    @ParameterizedTest
    @ValueSource(strings = { "%2E%2E", "..%2F..%2Fetc", "a%2Fb", "has%20space", "caf%C3%A9",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" /* 65 */ })
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
        problem(given().delete("api/conversations/" + rawId), 400, "invalid_conversation_id");
        assertEquals(before, filesAround(), "a file appeared or vanished");
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
        assertEquals(false, Files.exists(JournalFiles.file(cid)), "a refused turn must not create a conversation");
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
        assertEquals(false, Files.exists(JournalFiles.file(cid)));
    }

    @Test
    void unknownConversationIs404() {
        String cid = JournalFiles.newId("nobody");
        problem(given().get("api/conversations/" + cid), 404, "conversation_not_found");
        problem(given().get("api/conversations/" + cid + "/journal"), 404, "conversation_not_found");
        problem(given().delete("api/conversations/" + cid), 404, "conversation_not_found");
    }

    private static void problem(io.restassured.response.Response response, int status, String code) {
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
