package dev.trueline.turn;

import io.smallrye.mutiny.Multi;

/**
 * What a turn endpoint answers once every refusal is ruled out: one follower's events, to be written to the response
 * as Server-Sent Events by {@link TurnStreamWriter}. Nothing runs before the writer subscribes.
 */
public final class TurnStream {

    private final Multi<TurnEvent> events;
    private final TurnMetrics.Stream metrics;
    private final long retryMillis;

    TurnStream(Multi<TurnEvent> events, TurnMetrics.Stream metrics, long retryMillis) {
        this.events = events;
        this.metrics = metrics;
        this.retryMillis = retryMillis;
    }

    Multi<TurnEvent> events() {
        return events;
    }

    TurnMetrics.Stream metrics() {
        return metrics;
    }

    /** How soon a client that lost the stream should reconnect, sent with the first event. */
    long retryMillis() {
        return retryMillis;
    }
}
