package dev.trueline.turn;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What the HTTP side of a turn measures for {@code /q/metrics}: streams open now, chunks handed to the response,
 * time to the first chunk, upstream errors. Turn starts and ends are counted by the journal writer
 * ({@code dev.trueline.journal.JournalMetrics}), where each turn has exactly one terminal record.
 */
@ApplicationScoped
public class TurnMetrics {

    /** Gauge: turn event streams subscribed and not yet terminated (completed, failed or cancelled). */
    public static final String ACTIVE_STREAMS = "trueline.streams.active";
    /** Counter: chunk events handed to the HTTP response ("delivered", an upper bound on what was rendered, I6). */
    public static final String CHUNKS_DELIVERED = "trueline.chunks.delivered";
    /** Timer: from the stream's subscription to its first chunk handed to the response. */
    public static final String FIRST_CHUNK = "trueline.turns.first.chunk";
    /** Counter: turns that failed because of the upstream model, tagged {@code code}. */
    public static final String UPSTREAM_ERRORS = "trueline.upstream.errors";

    private final MeterRegistry registry;
    private final AtomicInteger active = new AtomicInteger();
    private final Counter delivered;
    private final Timer firstChunk;

    @Inject
    public TurnMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(ACTIVE_STREAMS, active, AtomicInteger::get)
                .description("Turn event streams open now")
                .register(registry);
        this.delivered = Counter.builder(CHUNKS_DELIVERED)
                .description("Chunk events handed to the HTTP response")
                .register(registry);
        this.firstChunk = Timer.builder(FIRST_CHUNK)
                .description("Time from the start of a turn's stream to its first chunk handed to the response")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** A new, not yet subscribed stream. */
    Stream stream() {
        return new Stream();
    }

    void upstreamError(String code) {
        Counter.builder(UPSTREAM_ERRORS)
                .description("Turns failed by the upstream model, by error code")
                .tag("code", code)
                .register(registry)
                .increment();
    }

    /** One turn's event stream: opened on subscription, closed exactly once on termination. */
    final class Stream {

        private final AtomicBoolean open = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicBoolean first = new AtomicBoolean(true);
        private volatile long openedAt;

        void open() {
            if (open.compareAndSet(false, true)) {
                openedAt = System.nanoTime();
                active.incrementAndGet();
            }
        }

        /** A chunk event was handed to the response. */
        void delivered() {
            delivered.increment();
            if (first.compareAndSet(true, false)) {
                firstChunk.record(System.nanoTime() - openedAt, TimeUnit.NANOSECONDS);
            }
        }

        void close() {
            if (open.get() && closed.compareAndSet(false, true)) {
                active.decrementAndGet();
            }
        }
    }
}
