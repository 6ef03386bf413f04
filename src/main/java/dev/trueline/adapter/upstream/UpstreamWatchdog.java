package dev.trueline.adapter.upstream;

import java.time.Duration;

import dev.trueline.adapter.AdapterEvent;
import dev.trueline.adapter.AdapterException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;

/**
 * Fails an upstream's event stream with {@code upstream_timeout} when the first event takes longer than the
 * first-token timeout or two events are further apart than the idle timeout, and then cancels the upstream, which
 * closes its connection (I5). Only adapter events count: keep-alive comments and {@code ping}s were already dropped,
 * because a model that only pings shows the person nothing.
 * <p>
 * Time is measured as events arrive from the upstream, not as the consumer asks for them: a slow journal never makes
 * a healthy upstream look silent.
 */
public final class UpstreamWatchdog {

    private final Vertx vertx;
    private final Duration firstToken;
    private final Duration idle;

    public UpstreamWatchdog(Vertx vertx, Duration firstToken, Duration idle) {
        this.vertx = vertx;
        this.firstToken = firstToken;
        this.idle = idle;
    }

    public Multi<AdapterEvent> watch(Multi<AdapterEvent> events) {
        // BUFFER: the upstream is read as fast as it sends (the REST client buffers the same way).
        return Multi.createFrom().<AdapterEvent> emitter(emitter -> new Watch(emitter).start(events),
                BackPressureStrategy.BUFFER);
    }

    private final class Watch {

        private final MultiEmitter<? super AdapterEvent> emitter;
        private Cancellable upstream;
        private long timer = -1;
        private boolean over;

        Watch(MultiEmitter<? super AdapterEvent> emitter) {
            this.emitter = emitter;
        }

        void start(Multi<AdapterEvent> events) {
            arm(firstToken, "The model sent no text within " + seconds(firstToken)
                    + " (trueline.adapter.first-token-timeout): it may be overloaded or still loading. Try again, or "
                    + "raise TRUELINE_ADAPTER_FIRST_TOKEN_TIMEOUT.");
            emitter.onTermination(this::stop);
            Cancellable subscription = events.subscribe().with(this::onEvent, this::onFailure, this::onCompletion);
            synchronized (this) {
                upstream = subscription;
                if (!over) {
                    return;
                }
            }
            subscription.cancel(); // terminated while subscribing
        }

        private void onEvent(AdapterEvent event) {
            arm(idle, "The model went silent for more than " + seconds(idle)
                    + " in the middle of its answer (trueline.adapter.idle-timeout). Try again, or raise "
                    + "TRUELINE_ADAPTER_IDLE_TIMEOUT.");
            emitter.emit(event);
        }

        private void onFailure(Throwable failure) {
            disarm();
            emitter.fail(failure);
        }

        private void onCompletion() {
            disarm();
            emitter.complete();
        }

        private synchronized void arm(Duration timeout, String message) {
            if (over) {
                return;
            }
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> expire(id, message));
        }

        private synchronized void disarm() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
        }

        private void expire(long id, String message) {
            synchronized (this) {
                if (over || id != timer) {
                    return; // re-armed or finished meanwhile
                }
            }
            emitter.fail(new AdapterException(AdapterException.UPSTREAM_TIMEOUT, message)); // stop() cancels upstream
        }

        /** Runs once on completion, failure or the consumer's cancel: the upstream must not outlive the watch. */
        private void stop() {
            Cancellable subscription;
            synchronized (this) {
                over = true;
                disarm();
                subscription = upstream;
            }
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
