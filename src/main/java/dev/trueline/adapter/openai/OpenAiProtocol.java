package dev.trueline.adapter.openai;

import dev.trueline.adapter.upstream.UpstreamProtocol;

/**
 * The wire format of any OpenAI-compatible Chat Completions server (OpenAI, Ollama's {@code /v1}, llama.cpp, vLLM,
 * LM Studio, OpenRouter): {@link OpenAiRequest} posted by {@link OpenAiApi}, the key as a bearer token, the stream
 * read by {@link OpenAiStreamDecoder}.
 */
public final class OpenAiProtocol {

    /** Selects this provider in {@code trueline.adapter.kind}; its settings are {@code trueline.adapter.openai.*}. */
    public static final String KIND = "openai";

    public static final UpstreamProtocol<OpenAiApi, OpenAiRequest> PROTOCOL = new UpstreamProtocol<>(KIND,
            "OpenAI-compatible upstream", OpenAiApi.class, OpenAiRequest::of,
            (api, key, body) -> api.stream(key.map(k -> "Bearer " + k).orElse(null), body),
            OpenAiStreamDecoder::new);

    private OpenAiProtocol() {
    }
}
