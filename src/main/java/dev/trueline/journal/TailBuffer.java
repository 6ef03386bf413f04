package dev.trueline.journal;

import java.util.Queue;
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
 * <p>
 * The tail's completion goes through the buffer as an item, behind the records, not as Mutiny's completion signal:
 * {@link UnicastProcessor} (Mutiny 3.1) polls its queue and only then reads whether it is done, so a follower
 * draining on another thread that found the queue empty just before the terminal record was offered, and read
 * "done" just after, ended without that record (seen in CI: a finished turn healed as {@code server_stopped}). A
 * failure may still overtake records that way; that loses nothing, since every failure of a tail either sends the
 * follower back to the journal from the last record it handed on or ends its stream with an error.
 */
final class TailBuffer implements Flow.Subscriber<JournalRecord> {

    /** What the buffer holds after the tail's last record: the end of the follower's live records. */
    private static final Object END = new Object();

    private final UnicastProcessor<Object> buffer;
    private volatile Flow.Subscription upstream;

    TailBuffer(int bound) {
        // an exact bound (Mutiny's own queues round it up); filled under the tail's lock, drained by the follower
        this(new ArrayBlockingQueue<>(Math.max(1, bound)));
    }

    /** Over {@code queue}, which bounds it: for tests that control when the follower finds it empty. */
    TailBuffer(Queue<Object> queue) {
        this.buffer = UnicastProcessor.create(queue, this::unsubscribe);
    }

    /** The records for the follower: the bounded buffer's contents, then whatever comes. Subscribe once. */
    Multi<JournalRecord> records() {
        return buffer.select().first(item -> item != END).onItem().castTo(JournalRecord.class);
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
        // queued behind the terminal record, so it cannot overtake it; a buffer too full to take it fails the
        // follower, which then reads the end from the journal
        buffer.onNext(END);
    }

    private void unsubscribe() {
        Flow.Subscription subscription = upstream;
        if (subscription != null) {
            subscription.cancel();
        }
    }
}
