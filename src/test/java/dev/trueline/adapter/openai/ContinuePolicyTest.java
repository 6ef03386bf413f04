package dev.trueline.adapter.openai;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.trueline.adapter.upstream.FakeUpstream;
import dev.trueline.adapter.upstream.FakeUpstream.Reply;
import dev.trueline.adapter.upstream.UpstreamProfile;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawSseClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code trueline.turn.on-disconnect=continue} against a real HTTP upstream: after every client left, the model runs to
 * its end and the journal holds the whole answer and its {@code end}, for whoever comes back.
 */
@QuarkusTest
@TestProfile(ContinuePolicyTest.Continue.class)
class ContinuePolicyTest {

    private static final OpenAiWire WIRE = new OpenAiWire();

    /** The OpenAI adapter against the fake upstream, with the continue policy. */
    public static class Continue extends UpstreamProfile {
        public Continue() {
            super(OpenAiProfile.PROVIDER);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(super.getConfigOverrides());
            config.put("trueline.turn.on-disconnect", "continue");
            config.put("trueline.turn.reconnect-grace", "100ms");
            config.put("trueline.journal.dir", "target/journal-disconnect-continue-test");
            return config;
        }
    }

    /** Injected by the profile's test resource. */
    FakeUpstream upstream;

    @TestHTTPResource("/")
    URI trueline;

    @Test
    void afterEveryClientLeftTheWholeAnswerIsJournaled() throws Exception {
        upstream.script("nobody", Reply.sse().write(WIRE.start()).every(20, 100, WIRE.text("word ")).write(WIRE.finish())
                .end());
        String cid = JournalFiles.newId("continue");
        try (RawSseClient client = RawSseClient.startTurn(trueline, cid, "Write on [[nobody]]")) {
            client.readChunks(2);
            client.reset();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> JournalFiles.terminal(cid, 1) != null);
        assertEquals("end", JournalFiles.terminal(cid, 1).getString("type"));
        assertEquals("word ".repeat(100), JournalFiles.chunkText(cid, 1));
        assertEquals(102, upstream.received("nobody").get(0).writes(), "start, 100 texts, finish");
    }
}
