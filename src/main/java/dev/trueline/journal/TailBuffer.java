package dev.trueline.journal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Flow;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.BackPressureFailure;

/**
 * One follower's place on a live {@link TurnTail}: subscribed at once (so nothing published from then on is missed)
 * and holding what the follower has not taken yet, up to a bound. A follower that falls further behind gets a
 * {@link BackPressureFailure} after the records it already has; it then reads the rest from the journal, so a slow
 * follower costs the tail nothing and never more memory than the bound. Leaving, in any way, unsubscribes it.
 */
final class TailBuffer implements Flow.Subscriber<JournalRecord> {

    private final UnicastProcessor<JournalRecord> buffer;
    private volatile Flow.Subscription upstream;

    TailBuffer(int bound) {
        // an exact bound (Mutiny's own queues round it up); filled under the tail's lock, drained by the follower
        this.buffer = UnicastProcessor.create(new ArrayBlockingQueue<>(Math.max(1, bound)), this::unsubscribe);
    }

    /** The records for the follower: the bounded buffer's contents, then whatever comes. Subscribe once. */
    Multi<JournalRecord> records() {
        return buffer;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        upstream = subscription;
        subscription.request(Long.MAX_VALUE); // the bound is the buffer's, not the tail's
    }

    @Override
    public void onNext(JournalRecord record) {
        buffer.onNext(record); // a full buffer fails the follower with a BackPressureFailure
    }

    @Override
    public void onError(Throwable failure) {
        buffer.onError(failure);
    }

    @Override
    public void onComplete() {
        buffer.onComplete();
    }

    private void unsubscribe() {
        Flow.Subscription subscription = upstream;
        if (subscription != null) {
            subscription.cancel();
        }
    }
}
