package dev.trueline.adapter.openai;

import static dev.trueline.adapter.upstream.FailedTurns.assertFailed;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.trueline.adapter.upstream.FakeUpstream;
import dev.trueline.adapter.upstream.FakeUpstream.Reply;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import dev.trueline.testing.Transcripts;
import dev.trueline.testing.Turns;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The {@code openai} adapter against a real HTTP server that replays Chat Completions streams byte for byte, driven
 * through Trueline's own HTTP endpoint.
 */
@QuarkusTest
@TestProfile(OpenAiProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenAiAdapterTest {

    private static final String KEY = OpenAiProfile.API_KEY;

    FakeUpstream upstream;

    @TestHTTPResource("/")
    URI trueline;

    @Test
    void streamsExactlyTheTextWithUsageAndFinish() throws Exception {
        byte[] world = chunk("wörld 🌍").getBytes(StandardCharsets.UTF_8);
        int cut = indexOf(world, "🌍".getBytes(StandardCharsets.UTF_8)) + 2; // inside the 4-byte emoji
        upstream.script("normal", Reply.sse()
                .write(": keep-alive\n\n")
                .write(roleChunk())
                .write(chunk("Hello, "))
                .pause(20)
                .write(Arrays.copyOfRange(world, 0, 7)) // inside "data: {"
                .pause(20)
                .write(Arrays.copyOfRange(world, 7, cut))
                .pause(20)
                .write(Arrays.copyOfRange(world, cut, world.length))
                .write("id: 7\nevent: ignored-by-openai-clients\ndata: {\"object\":\"something.new\",\"x\":1}\n\n")
                .write(chunk("! Ça va?") + ": still here\n\n")
                .write(finishChunk("stop"))
                .write(usageChunk(12, 5))
                .write("data: [DONE]\n\n")
                .end());
        String cid = cid("normal");

        List<SseEvent> events = turn(cid, "Say hello [[normal]]");

        String expected = "Hello, wörld 🌍! Ça va?";
        assertEquals(expected, Turns.text(events));
        assertEquals("turn", events.get(0).event());
        assertEquals("openai", events.get(0).json().getString("adapter"));
        assertEquals("fake-gpt", events.get(0).json().getString("model"));
        SseEvent end = Turns.last(events);
        assertEquals("end", end.event());
        assertEquals("stop", end.json().getString("finish"));
        assertEquals(new JsonObject().put("input", 12).put("output", 5), end.json().getJsonObject("usage"));

        assertEquals(expected, JournalFiles.chunkText(cid, 1));
        JsonObject endRecord = JournalFiles.records(cid, "end").get(0);
        assertEquals("stop", endRecord.getString("finish"));
        assertEquals(12, endRecord.getJsonObject("usage").getInteger("input"));
        assertEquals(5, endRecord.getJsonObject("usage").getInteger("output"));
        JsonObject answer = Transcripts.lastMessage(cid);
        assertEquals("complete", answer.getString("status"));
        assertEquals(expected, answer.getString("text"));
    }

    @Test
    void aServerThatClosesWithoutDoneStillFinishes() throws Exception {
        upstream.script("length", Reply.sse()
                .write(chunk("Cut short"))
                .write(finishChunk("length"))
                .end());
        String cid = cid("length");

        List<SseEvent> events = turn(cid, "Long story [[length]]");

        assertEquals("Cut short", Turns.text(events));
        assertEquals("length", Turns.last(events).json().getString("finish"));
        assertNull(Turns.last(events).json().getJsonObject("usage"), "no usage reported, none invented");
        assertEquals("length", JournalFiles.records(cid, "end").get(0).getString("finish"));
    }

    @Test
    void theUpstreamGetsHistoryModelKeyAndStreamFlags() throws Exception {
        upstream.script("hist-1", Reply.sse().write(chunk("First answer")).write(finishChunk("stop"))
                .write("data: [DONE]\n\n").end());
        upstream.script("hist-2", Reply.status(401, "application/json", "{\"error\":{\"message\":\"bad key\"}}"));
        upstream.script("hist-3", Reply.sse().write(chunk("Third answer")).write(finishChunk("stop"))
                .write("data: [DONE]\n\n").end());
        String cid = cid("history");

        turn(cid, "First question [[hist-1]]");
        turn(cid, "Second question [[hist-2]]"); // fails before any text: the person saw nothing
        turn(cid, new JsonObject().put("prompt", "Third question [[hist-3]]").put("model", "other-model"));

        FakeUpstream.Received first = upstream.received("hist-1").get(0);
        assertEquals("fake-gpt", first.json().getString("model"), "the configured model when the turn names none");
        FakeUpstream.Received third = upstream.received("hist-3").get(0);
        assertEquals("POST", third.method());
        assertEquals("/v1/chat/completions", third.path());
        assertEquals("Bearer " + KEY, third.headers().get("authorization"));
        assertTrue(third.headers().get("accept").contains("text/event-stream"));
        assertTrue(third.headers().get("content-type").startsWith("application/json"));
        JsonObject body = third.json();
        assertEquals("other-model", body.getString("model"));
        assertEquals(true, body.getBoolean("stream"));
        assertEquals(true, body.getJsonObject("stream_options").getBoolean("include_usage"));
        assertEquals(321, body.getInteger("max_tokens"));
        assertEquals(0.25, body.getDouble("temperature"));
        assertEquals(new JsonArray()
                .add(message("user", "First question [[hist-1]]"))
                .add(message("assistant", "First answer"))
                // the failed turn showed nothing: its prompt is merged with the next, roles keep alternating
                .add(message("user", "Second question [[hist-2]]\n\nThird question [[hist-3]]")),
                body.getJsonArray("messages"));
    }

    @Test
    void unauthorizedSaysWhichVariableToSetAndNeverEchoesTheKey() throws Exception {
        upstream.script("401", Reply.status(401, "application/json", "{\"error\":{\"message\":\"Incorrect API key "
                + "provided: " + KEY + ". You can find your API key at https://platform.openai.com/account/api-keys."
                + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
        upstream.script("403", Reply.status(403, "application/json", "{\"error\":{\"message\":\"forbidden\"}}"));
        String cid = cid("unauthorized");

        String message = assertFailed(cid, turn(cid, "Hi [[401]]"), "upstream_unauthorized", "", KEY);
        assertTrue(message.contains("TRUELINE_ADAPTER_OPENAI_API_KEY"), message);
        assertTrue(message.contains("401"), message);
        assertFailed(cid, turn(cid, "Hi again [[403]]"), "upstream_unauthorized", "", KEY);
    }

    @Test
    void rateLimitKeepsRetryAfter() throws Exception {
        upstream.script("429", Reply.status(429, "application/json",
                "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\"}}",
                "Retry-After", "17"));
        String cid = cid("rate");

        String message = assertFailed(cid, turn(cid, "Hi [[429]]"), "upstream_rate_limited", "", KEY);
        assertTrue(message.contains("Retry-After: 17"), message);
        assertTrue(message.contains("Rate limit reached for requests"), message);
    }

    @Test
    void serverErrorIsUnavailable() throws Exception {
        upstream.script("503", Reply.status(503, "text/html", "<html>upstream overloaded</html>"));
        String cid = cid("503");

        String message = assertFailed(cid, turn(cid, "Hi [[503]]"), "upstream_unavailable", "", KEY);
        assertTrue(message.contains("503"), message);
    }

    @Test
    void refusedConnectionIsUnavailable() throws Exception {
        upstream.script("refused", Reply.sse().write(chunk("never sent")).end());
        String cid = cid("refused");
        upstream.stop();
        List<SseEvent> events;
        try {
            events = turn(cid, "Anyone there? [[refused]]");
        } finally {
            upstream.restart();
        }

        String message = assertFailed(cid, events, "upstream_unavailable", "", KEY);
        assertTrue(message.contains("TRUELINE_ADAPTER_OPENAI_BASE_URL"), message);
    }

    @Test
    void noFirstTokenTimesOutAndClosesTheUpstream() throws Exception {
        upstream.script("no-token", Reply.sse().write(roleChunk()).every(500, 30, ": keep-alive\n\n").end());
        String cid = cid("no-token");

        String message = assertFailed(cid, turn(cid, "Think hard [[no-token]]"), "upstream_timeout", "", KEY);
        assertTrue(message.contains("first-token-timeout"), message);
        FakeUpstream.Received request = upstream.received("no-token").get(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> request.closedAtNanos() != 0);
        assertTrue(request.writes() < 31, "keep-alives stopped when the turn failed");
    }

    @Test
    void noAnswerAtAllTimesOutAndTheConnectionIsClosed() throws Exception {
        upstream.script("no-headers", Reply.silence());
        String cid = cid("no-headers");

        String message = assertFailed(cid, turn(cid, "Hello? [[no-headers]]"), "upstream_timeout", "", KEY);
        assertTrue(message.contains("first-token-timeout"), message);
        FakeUpstream.Received request = upstream.received("no-headers").get(0);
        // the REST client closes a request whose headers never came by its own idle timer (first-token + 1 s)
        await().atMost(Duration.ofSeconds(10)).until(() -> request.closedAtNanos() != 0);
    }

    @Test
    void clientLeavingBeforeTheUpstreamAnswersIsClosedByTheTimeoutAtTheLatest() throws Exception {
        upstream.script("left-early", Reply.silence());
        String cid = cid("left-early");

        long clientLeft = leaveAfterTheTurnEvent(cid, "Hello? [[left-early]]");

        await().atMost(Duration.ofSeconds(10)).until(() -> !JournalFiles.records(cid, "aborted").isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> !upstream.received("left-early").isEmpty()
                && upstream.received("left-early").get(0).closedAtNanos() != 0);
        long afterMillis = Duration.ofNanos(upstream.received("left-early").get(0).closedAtNanos() - clientLeft)
                .toMillis();
        System.out.printf("openai: upstream without headers closed %d ms after the client left%n", afterMillis);
        assertTrue(afterMillis < 6000, "closed " + afterMillis + " ms after the client left");
    }

    @Test
    void silenceMidAnswerTimesOut() throws Exception {
        String cid = cid("idle");
        upstream.script("idle", Reply.sse().write(chunk("Par")).write(chunk("tial")).pause(15_000).end());

        String message = assertFailed(cid, turn(cid, "Go [[idle]]"), "upstream_timeout", "Partial", KEY);
        assertTrue(message.contains("idle-timeout"), message);
    }

    @Test
    void unparsableStreamIsAProtocolError() throws Exception {
        String cid = cid("garbage");
        upstream.script("garbage", Reply.sse().write(chunk("Ok")).awaitTrue(JournalFiles.holdsChunk(cid, "Ok"))
                .write("data: {\"choices\": [oops\n\n").write(chunk("never shown")).end());

        assertFailed(cid, turn(cid, "Go [[garbage]]"), "upstream_protocol", "Ok", KEY);
    }

    @Test
    void aPlainJsonAnswerIsAProtocolError() throws Exception {
        upstream.script("not-sse", Reply.status(200, "application/json",
                "{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":{\"content\":\"not streamed\"}}]}"));
        String cid = cid("not-sse");

        assertFailed(cid, turn(cid, "Go [[not-sse]]"), "upstream_protocol", "", KEY);
    }

    @Test
    void errorMidStreamIsAnUpstreamError() throws Exception {
        String cid = cid("error-event");
        upstream.script("error-event", Reply.sse().write(chunk("Half")).awaitTrue(JournalFiles.holdsChunk(cid, "Half"))
                .write("data: {\"error\":{\"message\":\"The server had an error while processing your request.\","
                        + "\"type\":\"server_error\"}}\n\n")
                .end());

        String message = assertFailed(cid, turn(cid, "Go [[error-event]]"), "upstream_error", "Half", KEY);
        assertTrue(message.contains("The server had an error while processing your request."), message);
    }

    @Test
    void anUpstreamDyingMidStreamFailsTheTurn() throws Exception {
        String cid = cid("dies");
        upstream.script("dies", Reply.sse().write(chunk("Cut")).awaitTrue(JournalFiles.holdsChunk(cid, "Cut")).die());

        assertFailed(cid, turn(cid, "Go [[dies]]"), "upstream_unavailable", "Cut", KEY);
    }

    @Test
    void aStreamEndingWithoutFinishFailsTheTurn() throws Exception {
        String cid = cid("no-finish");
        upstream.script("no-finish",
                Reply.sse().write(chunk("Unfinished")).awaitTrue(JournalFiles.holdsChunk(cid, "Unfinished"))
                        .end());

        assertFailed(cid, turn(cid, "Go [[no-finish]]"), "upstream_unavailable", "Unfinished", KEY);
    }

    @Test
    void clientDisconnectClosesTheUpstreamConnectionWithinASecond() throws Exception {
        upstream.script("endless", Reply.sse().every(50, 400, chunk("tick ")).write(finishChunk("stop")).end());
        String cid = cid("endless");

        long clientLeft = leaveAfterChunks(cid, "Count forever [[endless]]", 3);

        FakeUpstream.Received request = upstream.received("endless").get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> request.closedAtNanos() != 0);
        long afterMillis = Duration.ofNanos(request.closedAtNanos() - clientLeft).toMillis();
        System.out.printf("openai: upstream connection closed %d ms after the client left%n", afterMillis);
        assertTrue(afterMillis < 1000, "the upstream connection closed " + afterMillis + " ms after the client left");
        int written = request.writes();
        assertTrue(written < 400, "the upstream stopped generating after " + written + " of 400 chunks");

        await().atMost(Duration.ofSeconds(10)).until(() -> !JournalFiles.records(cid, "aborted").isEmpty());
        JsonObject aborted = JournalFiles.records(cid, "aborted").get(0);
        assertEquals("client_disconnect", aborted.getString("reason"));
        Thread.sleep(300); // no chunk may follow, and the upstream wrote nothing more
        assertEquals(written, request.writes());
        List<JsonObject> chunks = JournalFiles.records(cid, "chunk");
        assertTrue(chunks.size() >= 3 && chunks.size() <= written, "journaled " + chunks.size() + " chunks");
        assertTrue(aborted.getInteger("delivered") >= 3);
        assertEquals("interrupted", Transcripts.lastMessage(cid).getString("status"));
    }

    @Test
    @Order(Integer.MAX_VALUE) // after every other test has logged its failures
    void theKeyAppearsInNoLogNoJournalNoTranscript() throws Exception {
        upstream.script("leak-check", Reply.status(401, "application/json",
                "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));
        String cid = cid("leak-check");
        turn(cid, "Hi [[leak-check]]");

        String log = Files.readString(OpenAiProfile.LOG);
        assertTrue(log.contains("upstream_unauthorized"), "the log captured the failures");
        assertFalse(log.contains(KEY), "the key is in the log");
        assertFalse(log.contains(KEY.substring(8)), "a part of the key is in the log");
        try (Stream<Path> files = Files.list(JournalFiles.dir())) {
            for (Path file : files.toList()) {
                assertFalse(Files.readString(file).contains(KEY), () -> "the key is in " + file);
            }
        }
        assertFalse(Transcripts.of(cid).encode().contains(KEY));
    }

    // Chunks as OpenAI sends them.

    private static String roleChunk() {
        return data(new JsonObject().put("role", "assistant").put("content", ""), null);
    }

    private static String chunk(String content) {
        return data(new JsonObject().put("content", content), null);
    }

    private static String finishChunk(String reason) {
        return data(new JsonObject(), reason);
    }

    private static String data(JsonObject delta, String finishReason) {
        JsonObject choice = new JsonObject().put("index", 0).put("delta", delta).putNull("logprobs")
                .put("finish_reason", finishReason);
        return "data: " + base().put("choices", new JsonArray().add(choice)).encode() + "\n\n";
    }

    private static String usageChunk(int prompt, int completion) {
        return "data: " + base().put("choices", new JsonArray()).put("usage", new JsonObject()
                .put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion)).encode() + "\n\n";
    }

    private static JsonObject base() {
        return new JsonObject().put("id", "chatcmpl-AbC123").put("object", "chat.completion.chunk")
                .put("created", 1732430000).put("model", "fake-gpt-2024-07-18").put("system_fingerprint", "fp_0ba0d");
    }

    private static JsonObject message(String role, String content) {
        return new JsonObject().put("role", role).put("content", content);
    }

    private static String cid(String name) {
        return "openai-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }

    private List<SseEvent> turn(String cid, String prompt) throws IOException {
        return turn(cid, new JsonObject().put("prompt", prompt));
    }

    private List<SseEvent> turn(String cid, JsonObject body) throws IOException {
        return Turns.run(trueline, cid, body);
    }

    /** Starts a turn, reads {@code chunks} chunks, then drops the connection like a closed tab; when it was dropped. */
    private long leaveAfterChunks(String cid, String prompt, int chunks) throws IOException {
        try (RawSseClient client = RawSseClient.startTurn(trueline, cid, prompt)) {
            client.readChunks(chunks);
        }
        return System.nanoTime();
    }

    /** Starts a turn, reads its {@code turn} event, then drops the connection; when it was dropped. */
    private long leaveAfterTheTurnEvent(String cid, String prompt) throws IOException {
        try (RawSseClient client = RawSseClient.startTurn(trueline, cid, prompt)) {
            assertEquals("turn", client.next().event());
        }
        return System.nanoTime();
    }
}
