package dev.trueline.adapter.openai;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.trueline.adapter.AdapterConfig;
import dev.trueline.adapter.AdapterEvent;
import dev.trueline.adapter.ChatAdapter;
import dev.trueline.adapter.ChatRequest;
import dev.trueline.adapter.upstream.UpstreamClients;
import dev.trueline.adapter.upstream.UpstreamFailures;
import dev.trueline.adapter.upstream.UpstreamHistory;
import dev.trueline.adapter.upstream.UpstreamTarget;
import dev.trueline.adapter.upstream.UpstreamWatchdog;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;

/**
 * Streams answers from any OpenAI-compatible Chat Completions server (OpenAI, Ollama's {@code /v1}, llama.cpp,
 * vLLM, LM Studio, OpenRouter) through the reactive REST client: no thread is held per stream, and cancelling the
 * stream closes the upstream connection, so generation and billing stop (I5).
 */
@ApplicationScoped
@Typed(OpenAiAdapter.class) // selected as a ChatAdapter by AdapterProducer, not injected directly
public class OpenAiAdapter implements ChatAdapter {

    public static final String KIND = "openai";

    private final AdapterConfig config;
    private final ObjectMapper mapper;
    private final UpstreamTarget target;
    private final UpstreamFailures failures;
    private final UpstreamWatchdog watchdog;
    private final OpenAiApi api;

    public OpenAiAdapter(AdapterConfig config, ObjectMapper mapper, Vertx vertx) {
        this.config = config;
        this.mapper = mapper;
        this.target = new UpstreamTarget("OpenAI-compatible upstream", config.openai().baseUrl(),
                config.openai().apiKey(), "TRUELINE_ADAPTER_OPENAI");
        this.failures = new UpstreamFailures(target, mapper);
        this.watchdog = new UpstreamWatchdog(vertx, config.firstTokenTimeout(), config.idleTimeout());
        this.api = UpstreamClients.build(OpenAiApi.class, target, config);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String defaultModel() {
        return config.openai().model();
    }

    @Override
    public Multi<AdapterEvent> stream(ChatRequest request) {
        OpenAiRequest body = new OpenAiRequest(
                request.model() == null ? defaultModel() : request.model(),
                UpstreamHistory.alternating(request).stream().map(OpenAiRequest.Message::of).toList(),
                true,
                new OpenAiRequest.StreamOptions(true),
                config.maxTokens(),
                config.temperature().isPresent() ? config.temperature().getAsDouble() : null);
        String authorization = target.apiKey().map(key -> "Bearer " + key).orElse(null);
        return Multi.createFrom().deferred(() -> {
            OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(mapper);
            Multi<AdapterEvent> events = api.stream(authorization, body)
                    .onItem().transformToIterable(decoder::decode)
                    .onCompletion().switchTo(() -> Multi.createFrom().<AdapterEvent> deferred(
                            () -> Multi.createFrom().iterable(decoder.end())));
            return watchdog.watch(events).onFailure().transform(failures::map);
        });
    }

}
