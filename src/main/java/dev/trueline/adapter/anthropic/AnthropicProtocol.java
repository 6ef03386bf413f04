package dev.trueline.adapter.anthropic;

import dev.trueline.adapter.upstream.UpstreamProtocol;

/**
 * The wire format of the Anthropic Messages API: {@link AnthropicRequest} posted by {@link AnthropicApi} in the
 * API version its stream is read in by {@link AnthropicStreamDecoder}, the key in {@code x-api-key}.
 */
public final class AnthropicProtocol {

    /** Selects this provider in {@code trueline.adapter.kind}; its settings are {@code trueline.adapter.anthropic.*}. */
    public static final String KIND = "anthropic";

    public static final UpstreamProtocol<AnthropicApi, AnthropicRequest> PROTOCOL = new UpstreamProtocol<>(KIND,
            "Anthropic upstream", AnthropicApi.class, AnthropicRequest::of,
            (api, key, body) -> api.stream(key.orElse(null), body),
            AnthropicStreamDecoder::new);

    private AnthropicProtocol() {
    }
}
