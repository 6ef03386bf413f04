package dev.trueline.turn;

import java.time.Duration;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.vertx.core.Vertx;

/**
 * Fills a stream's silences: whenever {@code every} passes with no item, a heartbeat goes out; items that flow reset
 * the clock, so there is none while an answer streams. Demand goes through: the stream is asked for what the
 * subscriber asks for, so a reader that stops reading stops its stream (a heartbeat is sent only when asked for,
 * and lets at most one item wait per heartbeat). The heartbeats end with the stream.
 */
final class Heartbeats {

    private Heartbeats() {
    }

    static <T> Multi<T> during(Multi<T> items, Duration every, Supplier<T> heartbeat, Vertx vertx) {
        return Multi.createFrom().emitter(emitter -> new Beat<>(emitter, every, heartbeat, vertx).start(items));
    }

    private static final class Beat<T> implements MultiSubscriber<T> {

        private final MultiEmitter<? super T> emitter;
        private final long everyNanos;
        private final Supplier<T> heartbeat;
        private final Vertx vertx;
        private volatile long lastSent = System.nanoTime();
        private volatile Flow.Subscription upstream;
        private long timer = -1;

        Beat(MultiEmitter<? super T> emitter, Duration every, Supplier<T> heartbeat, Vertx vertx) {
            this.emitter = emitter;
            this.everyNanos = Math.max(1, every.toNanos());
            this.heartbeat = heartbeat;
            this.vertx = vertx;
        }

        void start(Multi<T> items) {
            long millis = Math.max(1, everyNanos / 1_000_000);
            timer = vertx.setPeriodic(millis, id -> beatIfSilent());
            emitter.onTermination(this::stop);
            items.subscribe().withSubscriber(this);
        }

        private void beatIfSilent() {
            if (System.nanoTime() - lastSent >= everyNanos && emitter.requested() > 0 && !emitter.isCancelled()) {
                lastSent = System.nanoTime();
                emitter.emit(heartbeat.get());
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            if (emitter.isCancelled()) {
                subscription.cancel();
                return;
            }
            emitter.onRequest(subscription::request);
            long already = emitter.requested();
            if (already > 0) {
                subscription.request(already);
            }
        }

        @Override
        public void onItem(T item) {
            lastSent = System.nanoTime();
            emitter.emit(item);
        }

        @Override
        public void onFailure(Throwable failure) {
            emitter.fail(failure);
        }

        @Override
        public void onCompletion() {
            emitter.complete();
        }

        private void stop() {
            vertx.cancelTimer(timer);
            Flow.Subscription subscription = upstream;
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }
}
