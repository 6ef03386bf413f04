package dev.trueline.adapter.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trueline.adapter.upstream.FakeUpstream;
import dev.trueline.adapter.upstream.FakeUpstream.Reply;
import dev.trueline.adapter.upstream.UpstreamAdapterContract;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.SseEvent;
import dev.trueline.testing.Turns;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The {@code openai} adapter: the contract of every real adapter, plus what only Chat Completions does. */
@QuarkusTest
@TestProfile(OpenAiProfile.class)
class OpenAiAdapterTest extends UpstreamAdapterContract {

    private static final OpenAiWire WIRE = new OpenAiWire();

    OpenAiAdapterTest() {
        super(OpenAiProfile.PROVIDER, WIRE);
    }

    @Test
    void theKeyGoesAsABearerTokenAndUsageIsAskedFor() throws Exception {
        FakeUpstream.Received request = requestOfATurn("bearer");

        assertEquals("/v1/chat/completions", request.path());
        assertEquals("Bearer " + OpenAiProfile.PROVIDER.apiKey(), request.headers().get("authorization"));
        assertEquals(true, request.json().getJsonObject("stream_options").getBoolean("include_usage"));
    }

    @Test
    void aServerThatClosesWithoutDoneStillFinishes() throws Exception {
        upstream.script("no-done", Reply.sse().write(WIRE.text("Cut short")).write(WIRE.finishReason("length")).end());
        String cid = cid("no-done");

        List<SseEvent> events = turn(cid, "Long story [[no-done]]");

        assertEquals("Cut short", Turns.text(events));
        assertEquals("length", Turns.last(events).json().getString("finish"));
        assertNull(Turns.last(events).json().getJsonObject("usage"), "no usage reported, none invented");
        assertEquals("length", JournalFiles.records(cid, "end").get(0).getString("finish"));
    }
}
