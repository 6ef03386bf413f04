package dev.trueline.adapter.upstream;

import static dev.trueline.adapter.upstream.FailedTurns.assertFailed;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.trueline.adapter.upstream.FakeUpstream.Reply;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.JournalInvariants;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import dev.trueline.testing.Transcripts;
import dev.trueline.testing.Turns;
import io.quarkus.test.common.http.TestHTTPResource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What every real adapter does, whatever its provider: run against a {@link FakeUpstream} that replays the provider's
 * streams byte for byte ({@link UpstreamWire}), driven through Trueline's own HTTP endpoint. Each provider's test
 * extends this class as a {@code @QuarkusTest} with its {@link UpstreamProfile} and provider, and adds what only it does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class UpstreamAdapterContract {

    /** The text of {@link UpstreamWire#wholeAnswer}. */
    private static final String WHOLE_ANSWER = "Hello, wörld 🌍! Ça va?";

    protected final UpstreamProfile.Provider provider;
    protected final UpstreamWire wire;

    /** Injected by {@link FakeUpstreamResource}. */
    protected FakeUpstream upstream;

    @TestHTTPResource("/")
    URI trueline;

    protected UpstreamAdapterContract(UpstreamProfile.Provider provider, UpstreamWire wire) {
        this.provider = provider;
        this.wire = wire;
    }

    @Test
    void streamsExactlyTheTextWithUsageAndFinish() throws Exception {
        upstream.script("whole", wire.wholeAnswer(12, 5));
        String cid = cid("whole");

        List<SseEvent> events = turn(cid, "Say hello [[whole]]");

        assertEquals(WHOLE_ANSWER, Turns.text(events));
        assertEquals("turn", events.get(0).event());
        assertEquals(provider.kind(), events.get(0).json().getString("adapter"));
        assertEquals(provider.model(), events.get(0).json().getString("model"));
        SseEvent end = Turns.last(events);
        assertEquals("end", end.event());
        assertEquals("stop", end.json().getString("finish"));
        assertEquals(new JsonObject().put("input", 12).put("output", 5), end.json().getJsonObject("usage"));

        JsonObject endRecord = JournalInvariants.check(JournalFiles.records(cid), 1, Turns.chunkTexts(events));
        assertEquals(WHOLE_ANSWER, JournalFiles.chunkText(cid, 1));
        assertEquals("end", endRecord.getString("type"));
        assertEquals("stop", endRecord.getString("finish"));
        assertEquals(12, endRecord.getJsonObject("usage").getInteger("input"));
        assertEquals(5, endRecord.getJsonObject("usage").getInteger("output"));
        JsonObject answer = Transcripts.lastMessage(cid);
        assertEquals("complete", answer.getString("status"));
        assertEquals(WHOLE_ANSWER, answer.getString("text"));
    }

    @Test
    void runningOutOfTokensFinishesWithLength() throws Exception {
        upstream.script("max-tokens", Reply.sse().write(wire.start()).write(wire.text("Cut short"))
                .write(wire.finishAtMaxTokens()).end());
        String cid = cid("max-tokens");

        List<SseEvent> events = turn(cid, "Long story [[max-tokens]]");

        assertEquals("Cut short", Turns.text(events));
        assertEquals("length", Turns.last(events).json().getString("finish"));
        assertEquals("length", JournalFiles.records(cid, "end").get(0).getString("finish"));
    }

    @Test
    void theUpstreamGetsHistoryModelAndLimits() throws Exception {
        upstream.script("hist-1", answer("First answer"));
        upstream.script("hist-2", Reply.status(401, "application/json", wire.errorBody("authentication_error",
                "bad key")));
        upstream.script("hist-3", answer("Third answer"));
        String cid = cid("history");

        turn(cid, "First question [[hist-1]]");
        turn(cid, "Second question [[hist-2]]"); // fails before any text: the person saw nothing
        turn(cid, new JsonObject().put("prompt", "Third question [[hist-3]]").put("model", "other-model"));

        FakeUpstream.Received first = upstream.received("hist-1").get(0);
        assertEquals(provider.model(), first.json().getString("model"), "the configured model when the turn names none");
        FakeUpstream.Received third = upstream.received("hist-3").get(0);
        assertEquals("POST", third.method());
        assertTrue(third.headers().get("accept").contains("text/event-stream"));
        assertTrue(third.headers().get("content-type").startsWith("application/json"));
        JsonObject body = third.json();
        assertEquals("other-model", body.getString("model"));
        assertEquals(true, body.getBoolean("stream"));
        assertEquals(UpstreamProfile.MAX_TOKENS, body.getInteger("max_tokens"));
        assertEquals(UpstreamProfile.TEMPERATURE, body.getDouble("temperature"));
        assertEquals(new JsonArray()
                .add(message("user", "First question [[hist-1]]"))
                .add(message("assistant", "First answer"))
                // the failed turn showed nothing: its prompt is merged with the next, roles keep alternating
                .add(message("user", "Second question [[hist-2]]\n\nThird question [[hist-3]]")),
                body.getJsonArray("messages"));
    }

    @Test
    void aFirstTurnThePersonSawNothingOfIsMergedIntoTheNext() throws Exception {
        upstream.script("first-1", Reply.status(401, "application/json", wire.errorBody("authentication_error",
                "invalid key")));
        upstream.script("first-2", answer("Second answer"));
        upstream.script("first-3", answer("Third answer"));
        String cid = cid("first");

        turn(cid, "First question [[first-1]]");
        turn(cid, "Second question [[first-2]]");
        turn(cid, "Third question [[first-3]]");

        assertEquals(provider.model(), upstream.received("first-2").get(0).json().getString("model"));
        assertEquals(new JsonArray()
                // starts with a user turn; the empty answer to the failed turn is left out, the prompts merged
                .add(message("user", "First question [[first-1]]\n\nSecond question [[first-2]]"))
                .add(message("assistant", "Second answer"))
                .add(message("user", "Third question [[first-3]]")),
                upstream.received("first-3").get(0).json().getJsonArray("messages"));
    }

    @Test
    void unauthorizedSaysWhichVariableToSetAndNeverEchoesTheKey() throws Exception {
        upstream.script("401", Reply.status(401, "application/json", wire.errorBody("authentication_error",
                "Incorrect API key provided: " + provider.apiKey() + ". Find your key in the console.")));
        upstream.script("403", Reply.status(403, "application/json", wire.errorBody("permission_error",
                "Your API key does not have permission")));
        String cid = cid("unauthorized");

        String message = assertFailed(cid, turn(cid, "Hi [[401]]"), "upstream_unauthorized", "", provider.apiKey());
        assertTrue(message.contains(provider.variable("API_KEY")), message);
        assertTrue(message.contains("401"), message);
        message = assertFailed(cid, turn(cid, "Hi again [[403]]"), "upstream_unauthorized", "", provider.apiKey());
        assertTrue(message.contains("403"), message);
    }

    @Test
    void rateLimitKeepsRetryAfter() throws Exception {
        upstream.script("429", Reply.status(429, "application/json", wire.errorBody("rate_limit_error",
                "Rate limit reached for requests"), wire.retryAfterHeader(), "17"));
        String cid = cid("rate");

        String message = assertFailed(cid, turn(cid, "Hi [[429]]"), "upstream_rate_limited", "", provider.apiKey());
        assertTrue(message.contains("Retry-After: 17"), message);
        assertTrue(message.contains("Rate limit reached for requests"), message);
    }

    @Test
    void serverErrorIsUnavailable() throws Exception {
        upstream.script("503", Reply.status(503, "text/html", "<html>upstream overloaded</html>"));
        String cid = cid("503");

        String message = assertFailed(cid, turn(cid, "Hi [[503]]"), "upstream_unavailable", "", provider.apiKey());
        assertTrue(message.contains("503"), message);
    }

    @Test
    void overloadedIsUnavailable() throws Exception {
        upstream.script("529", Reply.status(529, "application/json", wire.errorBody("overloaded_error",
                "Overloaded")));
        String cid = cid("529");

        String message = assertFailed(cid, turn(cid, "Hi [[529]]"), "upstream_unavailable", "", provider.apiKey());
        assertTrue(message.contains("529: Overloaded"), message);
    }

    @Test
    void refusedConnectionIsUnavailable() throws Exception {
        upstream.script("refused", answer("never sent"));
        String cid = cid("refused");
        upstream.stop();
        List<SseEvent> events;
        try {
            events = turn(cid, "Anyone there? [[refused]]");
        } finally {
            upstream.restart();
        }

        String message = assertFailed(cid, events, "upstream_unavailable", "", provider.apiKey());
        assertTrue(message.contains(provider.variable("BASE_URL")), message);
    }

    @Test
    void keepAlivesWithoutTextTimeOutAndCloseTheUpstream() throws Exception {
        FakeUpstream.Received request = timesOutBeforeTheFirstToken("no-token",
                Reply.sse().write(wire.start()).every(500, 30, wire.keepAlive()).end());

        await().atMost(Duration.ofSeconds(5)).until(() -> request.closedAtNanos() != 0);
        assertTrue(request.writes() < 31, "keep-alives stopped when the turn failed");
    }

    @Test
    void noAnswerAtAllTimesOutAndTheConnectionIsClosed() throws Exception {
        FakeUpstream.Received request = timesOutBeforeTheFirstToken("no-headers", Reply.silence());

        // the REST client closes a request whose headers never came by its own idle timer (first-token + 1 s)
        await().atMost(Duration.ofSeconds(10)).until(() -> request.closedAtNanos() != 0);
    }

    @Test
    void clientLeavingBeforeTheUpstreamAnswersIsClosedByTheTimeoutAtTheLatest() throws Exception {
        upstream.script("left-early", Reply.silence());
        String cid = cid("left-early");

        try (RawSseClient client = RawSseClient.startTurn(trueline, cid, "Hello? [[left-early]]")) {
            assertEquals("turn", client.next().event());
        }
        long clientLeft = System.nanoTime();

        await().atMost(Duration.ofSeconds(10)).until(() -> !JournalFiles.records(cid, "aborted").isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> !upstream.received("left-early").isEmpty()
                && upstream.received("left-early").get(0).closedAtNanos() != 0);
        long afterMillis = Duration.ofNanos(upstream.received("left-early").get(0).closedAtNanos() - clientLeft)
                .toMillis();
        System.out.printf("%s: upstream without headers closed %d ms after the client left%n", provider.kind(),
                afterMillis);
        assertTrue(afterMillis < 6000, "closed " + afterMillis + " ms after the client left");
    }

    @Test
    void silenceMidAnswerTimesOut() throws Exception {
        upstream.script("idle", Reply.sse().write(wire.start()).write(wire.text("Par")).write(wire.text("tial"))
                .pause(15_000).end());
        String cid = cid("idle");

        String message = assertFailed(cid, turn(cid, "Go [[idle]]"), "upstream_timeout", "Partial", provider.apiKey());
        assertTrue(message.contains("idle-timeout"), message);
    }

    @Test
    void unparsableStreamIsAProtocolError() throws Exception {
        String cid = cid("garbage");
        upstream.script("garbage", textThenWhenJournaled(cid, "Ok").write(wire.unparsable())
                .write(wire.text("never shown")).end());

        assertFailed(cid, turn(cid, "Go [[garbage]]"), "upstream_protocol", "Ok", provider.apiKey());
    }

    @Test
    void aPlainJsonAnswerIsAProtocolError() throws Exception {
        upstream.script("not-sse", Reply.status(200, "application/json", wire.unstreamedAnswer("not streamed")));
        String cid = cid("not-sse");

        assertFailed(cid, turn(cid, "Go [[not-sse]]"), "upstream_protocol", "", provider.apiKey());
    }

    @Test
    void errorEventMidStreamIsAnUpstreamError() throws Exception {
        String cid = cid("error-event");
        String said = "The server had an error while processing your request.";
        upstream.script("error-event", textThenWhenJournaled(cid, "Half")
                .write(wire.errorEvent("overloaded_error", said)).end());

        String message = assertFailed(cid, turn(cid, "Go [[error-event]]"), "upstream_error", "Half",
                provider.apiKey());
        assertTrue(message.contains(wire.quoteOfErrorEvent("overloaded_error", said)), message);
    }

    @Test
    void anUpstreamDyingMidStreamFailsTheTurn() throws Exception {
        String cid = cid("dies");
        upstream.script("dies", textThenWhenJournaled(cid, "Cut").die());

        assertFailed(cid, turn(cid, "Go [[dies]]"), "upstream_unavailable", "Cut", provider.apiKey());
    }

    @Test
    void aStreamEndingWithoutFinishFailsTheTurn() throws Exception {
        String cid = cid("no-finish");
        upstream.script("no-finish", textThenWhenJournaled(cid, "Unfinished").end());

        assertFailed(cid, turn(cid, "Go [[no-finish]]"), "upstream_unavailable", "Unfinished", provider.apiKey());
    }

    @Test
    void clientDisconnectClosesTheUpstreamConnectionWithinASecond() throws Exception {
        upstream.script("endless", Reply.sse().write(wire.start()).every(50, 400, wire.text("tick "))
                .write(wire.finish()).end());
        String cid = cid("endless");

        List<SseEvent> received;
        try (RawSseClient client = RawSseClient.startTurn(trueline, cid, "Count forever [[endless]]")) {
            received = client.readChunks(3);
        }
        long clientLeft = System.nanoTime();

        FakeUpstream.Received request = upstream.received("endless").get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> request.closedAtNanos() != 0);
        long afterMillis = Duration.ofNanos(request.closedAtNanos() - clientLeft).toMillis();
        System.out.printf("%s: upstream connection closed %d ms after the client left%n", provider.kind(), afterMillis);
        assertTrue(afterMillis < 1000, "the upstream connection closed " + afterMillis + " ms after the client left");
        int written = request.writes();
        assertTrue(written < 400, "the upstream stopped generating after " + written + " of 401 writes");

        await().atMost(Duration.ofSeconds(10)).until(() -> !JournalFiles.records(cid, "aborted").isEmpty());
        Thread.sleep(300); // no chunk may follow, and the upstream wrote nothing more
        assertEquals(written, request.writes());
        JsonObject aborted = JournalInvariants.check(JournalFiles.records(cid), 1, Turns.chunkTexts(received));
        assertEquals("aborted", aborted.getString("type"));
        assertEquals("client_disconnect", aborted.getString("reason"));
        int journaled = JournalFiles.records(cid, "chunk").size();
        // the first write carries no text: fewer chunks journaled than the upstream wrote
        assertTrue(journaled >= 3 && journaled < written, "journaled " + journaled + " of " + written + " writes");
        assertTrue(aborted.getInteger("delivered") >= 3);
        assertEquals("interrupted", Transcripts.lastMessage(cid).getString("status"));
    }

    @Test
    @Order(Integer.MAX_VALUE) // after every other test has logged its failures
    void theKeyAppearsInNoLogNoJournalNoTranscript() throws Exception {
        String key = provider.apiKey();
        upstream.script("leak-check", Reply.status(401, "application/json", wire.errorBody("authentication_error",
                "Incorrect API key provided: " + key)));
        String cid = cid("leak-check");
        turn(cid, "Hi [[leak-check]]");

        String log = Files.readString(provider.log());
        assertTrue(log.contains("upstream_unauthorized"), "the log captured the failures");
        assertFalse(log.contains(key), "the key is in the log");
        // past any provider's fixed prefix (sk-proj-, sk-ant-api03-): the part that is secret
        assertFalse(log.contains(key.substring(14)), "a part of the key is in the log");
        JournalFiles.everyJournal().forEach((where, journal) -> assertFalse(journal.contains(key),
                () -> "the key is in " + where));
        assertFalse(Transcripts.of(cid).encode().contains(key));
    }

    /** A whole answer of one piece of text that the model finished. */
    protected Reply answer(String text) {
        return Reply.sse().write(wire.start()).write(wire.text(text)).write(wire.finish()).end();
    }

    /**
     * The start and one piece of text, then a wait until Trueline journaled it: what the script does next (fail, die)
     * may otherwise overtake the chunk on its way to the journal.
     */
    protected Reply textThenWhenJournaled(String cid, String text) {
        return Reply.sse().write(wire.start()).write(wire.text(text)).awaitTrue(JournalFiles.holdsChunk(cid, text));
    }

    /**
     * A turn of its own whose upstream answers with {@code reply}: it must fail with {@code upstream_timeout} naming
     * the first-token timeout, before any text. The request the upstream got for it.
     */
    private FakeUpstream.Received timesOutBeforeTheFirstToken(String name, Reply reply) throws IOException {
        upstream.script(name, reply);
        String cid = cid(name);
        String message = assertFailed(cid, turn(cid, "Hello? [[" + name + "]]"), "upstream_timeout", "",
                provider.apiKey());
        assertTrue(message.contains("first-token-timeout"), message);
        return upstream.received(name).get(0);
    }

    /** A turn of its own, answered with one piece of text; the request the upstream got for it. */
    protected FakeUpstream.Received requestOfATurn(String name) throws IOException {
        upstream.script(name, answer("Fine"));
        turn(cid(name), "Hi [[" + name + "]]");
        return upstream.received(name).get(0);
    }

    protected List<SseEvent> turn(String cid, String prompt) throws IOException {
        return turn(cid, new JsonObject().put("prompt", prompt));
    }

    protected List<SseEvent> turn(String cid, JsonObject body) throws IOException {
        return Turns.run(trueline, cid, body);
    }

    /** A fresh conversation, named after the provider and the case. */
    protected String cid(String name) {
        return JournalFiles.newId(provider.kind() + "-" + name);
    }

    private static JsonObject message(String role, String content) {
        return new JsonObject().put("role", role).put("content", content);
    }
}
