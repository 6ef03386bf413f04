package dev.trueline.adapter.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import dev.trueline.adapter.upstream.FakeUpstream;
import dev.trueline.adapter.upstream.UpstreamAdapterContract;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The {@code anthropic} adapter: the contract of every real adapter, plus what only the Messages API does. */
@QuarkusTest
@TestProfile(AnthropicProfile.class)
class AnthropicAdapterTest extends UpstreamAdapterContract {

    AnthropicAdapterTest() {
        super(AnthropicProfile.PROVIDER, new AnthropicWire());
    }

    @Test
    void theKeyGoesInXApiKeyWithTheApiVersion() throws Exception {
        FakeUpstream.Received request = requestOfATurn("x-api-key");

        assertEquals("/v1/messages", request.path());
        assertEquals(AnthropicProfile.PROVIDER.apiKey(), request.headers().get("x-api-key"));
        assertEquals("2023-06-01", request.headers().get("anthropic-version"));
        assertNull(request.headers().get("authorization"), "Anthropic takes the key in x-api-key only");
    }
}
