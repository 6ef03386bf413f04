package dev.trueline.adapter.anthropic;

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
 * Streams answers from the Anthropic Messages API through the reactive REST client: no thread is held per stream,
 * and cancelling the stream closes the upstream connection, so generation and billing stop (I5).
 */
@ApplicationScoped
@Typed(AnthropicAdapter.class) // selected as a ChatAdapter by AdapterProducer, not injected directly
public class AnthropicAdapter implements ChatAdapter {

    public static final String KIND = "anthropic";

    private final AdapterConfig config;
    private final ObjectMapper mapper;
    private final UpstreamTarget target;
    private final UpstreamFailures failures;
    private final UpstreamWatchdog watchdog;
    private final AnthropicApi api;

    public AnthropicAdapter(AdapterConfig config, ObjectMapper mapper, Vertx vertx) {
        this.config = config;
        this.mapper = mapper;
        this.target = new UpstreamTarget("Anthropic upstream", config.anthropic().baseUrl(),
                config.anthropic().apiKey(), "TRUELINE_ADAPTER_ANTHROPIC");
        this.failures = new UpstreamFailures(target, mapper);
        this.watchdog = new UpstreamWatchdog(vertx, config.firstTokenTimeout(), config.idleTimeout());
        this.api = UpstreamClients.build(AnthropicApi.class, target, config);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String defaultModel() {
        return config.anthropic().model();
    }

    @Override
    public Multi<AdapterEvent> stream(ChatRequest request) {
        AnthropicRequest body = new AnthropicRequest(
                request.model() == null ? defaultModel() : request.model(),
                UpstreamHistory.alternating(request).stream().map(AnthropicRequest.Message::of).toList(),
                config.maxTokens(),
                true,
                config.temperature().isPresent() ? config.temperature().getAsDouble() : null);
        String apiKey = target.apiKey().orElse(null);
        return Multi.createFrom().deferred(() -> {
            AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(mapper);
            Multi<AdapterEvent> events = api.stream(apiKey, body)
                    .onItem().transformToIterable(decoder::decode)
                    .onCompletion().switchTo(() -> Multi.createFrom().<AdapterEvent> deferred(
                            () -> Multi.createFrom().iterable(decoder.end())));
            return watchdog.watch(events).onFailure().transform(failures::map);
        });
    }

}
