package dev.trueline.adapter.openai;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.trueline.adapter.upstream.FakeUpstream;
import dev.trueline.adapter.upstream.FakeUpstream.Reply;
import dev.trueline.adapter.upstream.UpstreamProfile;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import dev.trueline.testing.Turns;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * {@code trueline.turn.on-disconnect=cancel} against a real HTTP upstream: when the last client leaves, the upstream
 * connection stays open through the reconnect grace (a client coming back within it gets the rest) and is closed
 * only after it (I5), the turn ending {@code aborted}/{@code client_disconnect}.
 */
@QuarkusTest
@TestProfile(DisconnectPolicyTest.Cancel.class)
class DisconnectPolicyTest {

    static final Duration GRACE = Duration.ofMillis(1500);
    private static final OpenAiWire WIRE = new OpenAiWire();

    /** The OpenAI adapter against the fake upstream, with the default policy and a short grace. */
    public static class Cancel extends UpstreamProfile {
        public Cancel() {
            super(OpenAiProfile.PROVIDER);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("trueline.turn.on-disconnect", "cancel");
            config.put("trueline.turn.reconnect-grace", GRACE.toMillis() + "ms");
            config.put("trueline.journal.dir", "target/journal-disconnect-cancel-test");
            return config;
        }
    }

    /** Injected by the profile's test resource. */
    FakeUpstream upstream;

    @TestHTTPResource("/")
    URI trueline;

    @Test
    void theUpstreamIsCancelledOnlyAfterTheGraceWithNoFollower() throws Exception {
        String name = marker("alone");
        upstream.script(name, Reply.sse().write(WIRE.start()).every(50, 200, WIRE.text("tick ")).write(WIRE.finish())
                .end());
        String cid = JournalFiles.newId("cancel");
        try (RawSseClient client = RawSseClient.startTurn(trueline, cid, "Count [[" + name + "]]")) {
            client.readChunks(3);
        }
        long left = System.nanoTime();
        FakeUpstream.Received request = upstream.received(name).get(0);
        await().atMost(GRACE.plusSeconds(10)).until(() -> request.closedAtNanos() != 0);
        long closedAfter = Duration.ofNanos(request.closedAtNanos() - left).toMillis();
        System.out.printf("upstream closed %d ms after the last client left (grace %d ms)%n", closedAfter,
                GRACE.toMillis());
        assertTrue(closedAfter >= GRACE.toMillis() - 100, "cancelled before the grace: after " + closedAfter + " ms");
        assertTrue(request.writes() < 200, "the upstream ran to its end: " + request.writes() + " writes");

        JsonObject aborted = await().atMost(Duration.ofSeconds(10))
                .until(() -> JournalFiles.records(cid, "aborted"), l -> !l.isEmpty()).get(0);
        assertEquals("client_disconnect", aborted.getString("reason"));
        assertTrue(aborted.getInteger("journaled") > aborted.getInteger("delivered"),
                "the model went on through the grace: " + aborted);
    }

    @Test
    void aClientThatComesBackWithinTheGraceKeepsTheAnswerGoing() throws Exception {
        String name = marker("back");
        upstream.script(name, Reply.sse().write(WIRE.start()).every(40, 60, WIRE.text("tock ")).write(WIRE.finish())
                .end());
        String cid = JournalFiles.newId("back");
        String lastId;
        try (RawSseClient client = RawSseClient.startTurn(trueline, cid, "Count [[" + name + "]]")) {
            List<SseEvent> chunks = client.readChunks(3);
            lastId = chunks.get(2).id();
            client.reset();
        }
        Thread.sleep(GRACE.toMillis() / 3); // away for a third of the grace: a reload, a blip
        try (RawSseClient back = RawSseClient.resume(
                trueline.resolve("/api/conversations/" + cid + "/turns/1/events"), lastId)) {
            List<SseEvent> rest = back.rest();
            assertEquals("end", Turns.last(rest).event(), rest.toString());
            assertEquals(57, rest.stream().filter(e -> "chunk".equals(e.event())).count());
        }
        FakeUpstream.Received request = upstream.received(name).get(0);
        assertEquals(62, request.writes(), "the upstream streamed to its end: start, 60 texts, finish");
        assertEquals("end", JournalFiles.terminal(cid, 1).getString("type"));
        assertEquals("tock ".repeat(60), JournalFiles.chunkText(cid, 1));
    }

    private static String marker(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
