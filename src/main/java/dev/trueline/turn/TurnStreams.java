package dev.trueline.turn;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;

/**
 * A follower's events as the stream a turn endpoint answers with ({@link TurnStream}), counted for
 * {@code /q/metrics} and told how soon its client should reconnect ({@code retry:}, on the first event).
 */
@ApplicationScoped
public class TurnStreams {

    private final long retryMillis;
    private final TurnMetrics metrics;

    public TurnStreams(SseConfig config, TurnMetrics metrics) {
        this.retryMillis = config.retry().toMillis();
        this.metrics = metrics;
    }

    TurnStream of(Multi<TurnEvent> events) {
        return new TurnStream(events, metrics.stream(), retryMillis);
    }
}
