package dev.trueline.adapter.anthropic;

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
 * The {@code anthropic} adapter against a real HTTP server that replays Messages streams byte for byte, driven
 * through Trueline's own HTTP endpoint.
 */
@QuarkusTest
@TestProfile(AnthropicProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnthropicAdapterTest {

    private static final String KEY = AnthropicProfile.API_KEY;

    FakeUpstream upstream;

    @TestHTTPResource("/")
    URI trueline;

    @Test
    void streamsExactlyTheTextWithUsageAndFinish() throws Exception {
        byte[] world = textDelta("wörld 🌍").getBytes(StandardCharsets.UTF_8);
        int cut = indexOf(world, "🌍".getBytes(StandardCharsets.UTF_8)) + 1; // inside the 4-byte emoji
        int cutInÖ = indexOf(world, "ö".getBytes(StandardCharsets.UTF_8)) + 1; // inside the 2-byte ö
        upstream.script("normal", Reply.sse()
                .write(messageStart(25))
                .write(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"))
                .write(event("ping", "{\"type\": \"ping\"}"))
                .write(textDelta("Hello, "))
                .write(event("a_future_event", "{\"type\":\"a_future_event\",\"detail\":{\"x\":1}}"))
                .write(Arrays.copyOfRange(world, 0, cutInÖ))
                .pause(20)
                .write(Arrays.copyOfRange(world, cutInÖ, cut))
                .pause(20)
                .write(Arrays.copyOfRange(world, cut, world.length))
                .write(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"not for the screen\"}}"))
                .write(textDelta("! Ça va?"))
                .write(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"))
                .write(messageDelta("end_turn", 15))
                .write(event("message_stop", "{\"type\":\"message_stop\"}"))
                .end());
        String cid = cid("normal");

        List<SseEvent> events = turn(cid, "Say hello [[normal]]");

        String expected = "Hello, wörld 🌍! Ça va?";
        assertEquals(expected, Turns.text(events));
        assertEquals("anthropic", events.get(0).json().getString("adapter"));
        assertEquals("fake-claude", events.get(0).json().getString("model"));
        SseEvent end = Turns.last(events);
        assertEquals("end", end.event());
        assertEquals("stop", end.json().getString("finish"));
        assertEquals(new JsonObject().put("input", 25).put("output", 15), end.json().getJsonObject("usage"));

        assertEquals(expected, JournalFiles.chunkText(cid, 1));
        JsonObject endRecord = JournalFiles.records(cid, "end").get(0);
        assertEquals("stop", endRecord.getString("finish"));
        assertEquals(25, endRecord.getJsonObject("usage").getInteger("input"));
        assertEquals(15, endRecord.getJsonObject("usage").getInteger("output"));
        JsonObject answer = Transcripts.lastMessage(cid);
        assertEquals("complete", answer.getString("status"));
        assertEquals(expected, answer.getString("text"));
    }

    @Test
    void maxTokensFinishesWithLength() throws Exception {
        upstream.script("max-tokens", Reply.sse().write(messageStart(3)).write(textDelta("Cut short"))
                .write(messageDelta("max_tokens", 321)).write(event("message_stop", "{\"type\":\"message_stop\"}"))
                .end());
        String cid = cid("max-tokens");

        List<SseEvent> events = turn(cid, "Long story [[max-tokens]]");

        assertEquals("Cut short", Turns.text(events));
        assertEquals("length", Turns.last(events).json().getString("finish"));
        assertEquals("length", JournalFiles.records(cid, "end").get(0).getString("finish"));
    }

    @Test
    void theUpstreamGetsHistoryModelKeyAndVersion() throws Exception {
        upstream.script("hist-1", Reply.status(401, "application/json", "{\"type\":\"error\",\"error\":"
                + "{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}"));
        upstream.script("hist-2", normalReply("Second answer"));
        upstream.script("hist-3", normalReply("Third answer"));
        String cid = cid("history");

        turn(cid, "First question [[hist-1]]"); // fails before any text: the person saw nothing
        turn(cid, "Second question [[hist-2]]");
        turn(cid, new JsonObject().put("prompt", "Third question [[hist-3]]").put("model", "other-claude"));

        assertEquals("fake-claude", upstream.received("hist-2").get(0).json().getString("model"));
        FakeUpstream.Received third = upstream.received("hist-3").get(0);
        assertEquals("POST", third.method());
        assertEquals("/v1/messages", third.path());
        assertEquals(KEY, third.headers().get("x-api-key"));
        assertEquals("2023-06-01", third.headers().get("anthropic-version"));
        assertNull(third.headers().get("authorization"), "Anthropic takes the key in x-api-key only");
        assertTrue(third.headers().get("accept").contains("text/event-stream"));
        JsonObject body = third.json();
        assertEquals("other-claude", body.getString("model"));
        assertEquals(true, body.getBoolean("stream"));
        assertEquals(321, body.getInteger("max_tokens"));
        assertEquals(0.25, body.getDouble("temperature"));
        assertEquals(new JsonArray()
                // starts with a user turn; the empty answer to the failed turn is left out, the prompts merged
                .add(message("user", "First question [[hist-1]]\n\nSecond question [[hist-2]]"))
                .add(message("assistant", "Second answer"))
                .add(message("user", "Third question [[hist-3]]")),
                body.getJsonArray("messages"));
    }

    @Test
    void unauthorizedSaysWhichVariableToSetAndNeverEchoesTheKey() throws Exception {
        upstream.script("401", Reply.status(401, "application/json", "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"authentication_error\",\"message\":\"invalid x-api-key " + KEY + "\"}}"));
        upstream.script("403", Reply.status(403, "application/json", "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"permission_error\",\"message\":\"Your API key does not have permission\"}}"));
        String cid = cid("unauthorized");

        String message = assertFailed(cid, turn(cid, "Hi [[401]]"), "upstream_unauthorized", "", KEY);
        assertTrue(message.contains("TRUELINE_ADAPTER_ANTHROPIC_API_KEY"), message);
        assertFailed(cid, turn(cid, "Hi again [[403]]"), "upstream_unauthorized", "", KEY);
    }

    @Test
    void rateLimitKeepsRetryAfter() throws Exception {
        upstream.script("429", Reply.status(429, "application/json", "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your rate limit\"}}",
                "retry-after", "42"));
        String cid = cid("rate");

        String message = assertFailed(cid, turn(cid, "Hi [[429]]"), "upstream_rate_limited", "", KEY);
        assertTrue(message.contains("Retry-After: 42"), message);
    }

    @Test
    void overloadedIsUnavailable() throws Exception {
        upstream.script("529", Reply.status(529, "application/json", "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        String cid = cid("529");

        String message = assertFailed(cid, turn(cid, "Hi [[529]]"), "upstream_unavailable", "", KEY);
        assertTrue(message.contains("529: Overloaded"), message);
    }

    @Test
    void refusedConnectionIsUnavailable() throws Exception {
        upstream.script("refused", normalReply("never sent"));
        String cid = cid("refused");
        upstream.stop();
        List<SseEvent> events;
        try {
            events = turn(cid, "Anyone there? [[refused]]");
        } finally {
            upstream.restart();
        }

        String message = assertFailed(cid, events, "upstream_unavailable", "", KEY);
        assertTrue(message.contains("TRUELINE_ADAPTER_ANTHROPIC_BASE_URL"), message);
    }

    @Test
    void pingsWithoutTextTimeOut() throws Exception {
        upstream.script("no-token", Reply.sse().write(messageStart(5))
                .every(500, 30, event("ping", "{\"type\": \"ping\"}")).end());
        String cid = cid("no-token");

        String message = assertFailed(cid, turn(cid, "Think hard [[no-token]]"), "upstream_timeout", "", KEY);
        assertTrue(message.contains("first-token-timeout"), message);
        FakeUpstream.Received request = upstream.received("no-token").get(0);
        await().atMost(Duration.ofSeconds(5)).until(() -> request.closedAtNanos() != 0);
    }

    @Test
    void silenceMidAnswerTimesOut() throws Exception {
        upstream.script("idle", Reply.sse().write(messageStart(5)).write(textDelta("Par")).write(textDelta("tial"))
                .pause(15_000).end());
        String cid = cid("idle");

        String message = assertFailed(cid, turn(cid, "Go [[idle]]"), "upstream_timeout", "Partial", KEY);
        assertTrue(message.contains("idle-timeout"), message);
    }

    @Test
    void unparsableStreamIsAProtocolError() throws Exception {
        String cid = cid("garbage");
        upstream.script("garbage", Reply.sse().write(messageStart(5)).write(textDelta("Ok"))
                .awaitTrue(JournalFiles.holdsChunk(cid, "Ok")).write("event: content_block_delta\ndata: {\"type\": oops\n\n")
                .write(textDelta("never shown")).end());

        assertFailed(cid, turn(cid, "Go [[garbage]]"), "upstream_protocol", "Ok", KEY);
    }

    @Test
    void errorEventMidStreamIsAnUpstreamError() throws Exception {
        String cid = cid("error-event");
        upstream.script("error-event", Reply.sse().write(messageStart(5)).write(textDelta("Half"))
                .awaitTrue(JournalFiles.holdsChunk(cid, "Half"))
                .write(event("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                        + "\"message\":\"Overloaded\"}}"))
                .end());

        String message = assertFailed(cid, turn(cid, "Go [[error-event]]"), "upstream_error", "Half", KEY);
        assertTrue(message.contains("overloaded_error"), message);
    }

    @Test
    void anUpstreamDyingMidStreamFailsTheTurn() throws Exception {
        String cid = cid("dies");
        upstream.script("dies", Reply.sse().write(messageStart(5)).write(textDelta("Cut"))
                .awaitTrue(JournalFiles.holdsChunk(cid, "Cut")).die());

        assertFailed(cid, turn(cid, "Go [[dies]]"), "upstream_unavailable", "Cut", KEY);
    }

    @Test
    void clientDisconnectClosesTheUpstreamConnectionWithinASecond() throws Exception {
        upstream.script("endless", Reply.sse().write(messageStart(5)).every(50, 400, textDelta("tick "))
                .write(messageDelta("end_turn", 400)).write(event("message_stop", "{\"type\":\"message_stop\"}"))
                .end());
        String cid = cid("endless");

        long clientLeft = leaveAfterChunks(cid, "Count forever [[endless]]", 3);

        FakeUpstream.Received request = upstream.received("endless").get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> request.closedAtNanos() != 0);
        long afterMillis = Duration.ofNanos(request.closedAtNanos() - clientLeft).toMillis();
        System.out.printf("anthropic: upstream connection closed %d ms after the client left%n", afterMillis);
        assertTrue(afterMillis < 1000, "the upstream connection closed " + afterMillis + " ms after the client left");
        int written = request.writes();
        assertTrue(written < 400, "the upstream stopped generating after " + written + " of 401 writes");

        await().atMost(Duration.ofSeconds(10)).until(() -> !JournalFiles.records(cid, "aborted").isEmpty());
        assertEquals("client_disconnect", JournalFiles.records(cid, "aborted").get(0).getString("reason"));
        Thread.sleep(300); // no chunk may follow, and the upstream wrote nothing more
        assertEquals(written, request.writes());
        assertTrue(JournalFiles.records(cid, "chunk").size() < written, "journaled no more than the upstream sent");
        assertEquals("interrupted", Transcripts.lastMessage(cid).getString("status"));
    }

    @Test
    @Order(Integer.MAX_VALUE) // after every other test has logged its failures
    void theKeyAppearsInNoLogNoJournalNoTranscript() throws Exception {
        upstream.script("leak-check", Reply.status(401, "application/json", "{\"type\":\"error\",\"error\":"
                + "{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key " + KEY + "\"}}"));
        String cid = cid("leak-check");
        turn(cid, "Hi [[leak-check]]");

        String log = Files.readString(AnthropicProfile.LOG);
        assertTrue(log.contains("upstream_unauthorized"), "the log captured the failures");
        assertFalse(log.contains(KEY), "the key is in the log");
        assertFalse(log.contains(KEY.substring(14)), "a part of the key is in the log");
        try (Stream<Path> files = Files.list(JournalFiles.dir())) {
            for (Path file : files.toList()) {
                assertFalse(Files.readString(file).contains(KEY), () -> "the key is in " + file);
            }
        }
        assertFalse(Transcripts.of(cid).encode().contains(KEY));
    }

    // Events as Anthropic sends them.

    private static Reply normalReply(String text) {
        return Reply.sse().write(messageStart(5)).write(textDelta(text)).write(messageDelta("end_turn", 2))
                .write(event("message_stop", "{\"type\":\"message_stop\"}")).end();
    }

    private static String messageStart(int inputTokens) {
        return event("message_start", new JsonObject().put("type", "message_start").put("message", new JsonObject()
                .put("id", "msg_01XFDUDYJgAACzvnptvVoYEL").put("type", "message").put("role", "assistant")
                .put("content", new JsonArray()).put("model", "claude-fake-20250929").putNull("stop_reason")
                .putNull("stop_sequence").put("usage", new JsonObject().put("input_tokens", inputTokens)
                        .put("output_tokens", 1)))
                .encode());
    }

    private static String textDelta(String text) {
        return event("content_block_delta", new JsonObject().put("type", "content_block_delta").put("index", 0)
                .put("delta", new JsonObject().put("type", "text_delta").put("text", text)).encode());
    }

    private static String messageDelta(String stopReason, int outputTokens) {
        return event("message_delta", new JsonObject().put("type", "message_delta")
                .put("delta", new JsonObject().put("stop_reason", stopReason).putNull("stop_sequence"))
                .put("usage", new JsonObject().put("output_tokens", outputTokens)).encode());
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static JsonObject message(String role, String content) {
        return new JsonObject().put("role", role).put("content", content);
    }

    private static String cid(String name) {
        return "anthropic-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
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
