package dev.trueline.turn;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import io.smallrye.mutiny.Multi;

/**
 * A follower's events as SSE events on the wire, counted for {@code /q/metrics}: each event its id, name and JSON
 * data ({@link SseData}); a heartbeat the comment {@code : ping}; the first event also the {@code retry:} field that tells an
 * {@code EventSource} how soon to reconnect.
 */
@ApplicationScoped
public class TurnStreams {

    private final long retryMillis;
    private final TurnMetrics metrics;
    private final SseData data;

    public TurnStreams(SseConfig config, TurnMetrics metrics, SseData data) {
        this.retryMillis = config.retry().toMillis();
        this.metrics = metrics;
        this.data = data;
    }

    Multi<OutboundSseEvent> sse(Multi<TurnEvent> events, Sse sse) {
        TurnMetrics.Stream stream = metrics.stream();
        AtomicBoolean first = new AtomicBoolean(true);
        return events
                .onItem().invoke(event -> {
                    if (event instanceof TurnEvent.Chunk) {
                        stream.delivered();
                    }
                })
                .map(event -> {
                    if (event instanceof TurnEvent.Ping) {
                        // the SSE writer puts the comment right after the colon: " ping" gives ": ping"
                        return sse.newEventBuilder().comment(" ping").build();
                    }
                    // already JSON (SseData): the REST layer writes a String as it is, with no Jackson per event; no
                    // media type on the event, which would go out as a field of its own
                    OutboundSseEvent.Builder built = sse.newEventBuilder().id(event.id()).name(event.name())
                            .data(String.class, data.of(event));
                    if (first.getAndSet(false)) {
                        built.reconnectDelay(retryMillis);
                    }
                    return built.build();
                })
                .onSubscription().invoke(stream::open)
                .onTermination().invoke(stream::close);
    }
}
