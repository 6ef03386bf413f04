package dev.trueline.adapter.upstream;

import java.util.List;
import java.util.Locale;

import org.jboss.resteasy.reactive.client.SseEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.trueline.adapter.AdapterConfig;
import dev.trueline.adapter.AdapterEvent;
import dev.trueline.adapter.ChatAdapter;
import dev.trueline.adapter.ChatRequest;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;

/**
 * Streams answers from a real model, in the wire format of its provider's {@link UpstreamProtocol}, through the
 * reactive REST client: no thread is held per stream, and cancelling the stream closes the upstream connection, so
 * generation and billing stop (I5). It sends the turn's history shaped by {@link UpstreamHistory}; its events are
 * timed by {@link UpstreamWatchdog}; its failures get their codes and messages from {@link UpstreamFailures}.
 *
 * @param <A> the provider's REST client interface
 * @param <B> the provider's request body
 */
public final class UpstreamAdapter<A, B> implements ChatAdapter {

    private final UpstreamProtocol<A, B> protocol;
    private final AdapterConfig.Upstream settings;
    private final AdapterConfig config;
    private final ObjectMapper mapper;
    private final UpstreamTarget target;
    private final A api;
    private final UpstreamFailures failures;
    private final UpstreamWatchdog watchdog;

    /** Builds the REST client now, so that a base URL that is not a URL stops the application at startup. */
    public UpstreamAdapter(UpstreamProtocol<A, B> protocol, AdapterConfig.Upstream settings, AdapterConfig config,
            ObjectMapper mapper, Vertx vertx) {
        this.protocol = protocol;
        this.settings = settings;
        this.config = config;
        this.mapper = mapper;
        this.target = new UpstreamTarget(protocol.label(), settings.baseUrl(), settings.apiKey(),
                "TRUELINE_ADAPTER_" + protocol.kind().toUpperCase(Locale.ROOT));
        this.api = UpstreamClients.build(protocol.api(), target, config);
        this.failures = new UpstreamFailures(target, mapper);
        this.watchdog = new UpstreamWatchdog(vertx, config.firstTokenTimeout(), config.idleTimeout());
    }

    @Override
    public String kind() {
        return protocol.kind();
    }

    @Override
    public String defaultModel() {
        return settings.model();
    }

    @Override
    public Multi<AdapterEvent> stream(ChatRequest request) {
        B body = protocol.body().apply(new UpstreamRequest(
                request.model() == null ? defaultModel() : request.model(),
                UpstreamHistory.alternating(request).stream().map(UpstreamMessage::of).toList(),
                config.maxTokens(),
                config.temperature().isPresent() ? config.temperature().getAsDouble() : null));
        return Multi.createFrom().deferred(() -> {
            Decoding decoding = new Decoding(protocol.decoder().apply(mapper));
            Multi<AdapterEvent> events = protocol.sender().send(api, target.apiKey(), body)
                    .onItem().transformToIterable(decoding::decode)
                    .onCompletion().switchTo(() -> Multi.createFrom().<AdapterEvent> deferred(
                            () -> Multi.createFrom().iterable(decoding.end())));
            return watchdog.watch(events).onFailure().transform(failures::map);
        });
    }

    /** One stream's decoding: events without data are keep-alives, and nothing counts after the finish. */
    private static final class Decoding {

        private final UpstreamDecoder decoder;
        private boolean finished;

        Decoding(UpstreamDecoder decoder) {
            this.decoder = decoder;
        }

        List<AdapterEvent> decode(SseEvent<String> event) {
            if (finished || event.data() == null || event.data().isBlank()) {
                return List.of();
            }
            List<AdapterEvent> events = decoder.decode(event);
            finished = events.stream().anyMatch(AdapterEvent.Finish.class::isInstance);
            return events;
        }

        List<AdapterEvent> end() {
            return finished ? List.of() : decoder.end();
        }
    }
}
