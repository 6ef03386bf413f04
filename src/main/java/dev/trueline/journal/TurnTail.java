package dev.trueline.journal;

import java.util.ArrayDeque;
import java.util.Optional;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.BackPressureFailure;

/**
 * The live end of one running turn: each of its records as it counts as written, broadcast to the followers that
 * caught up with it. A follower joins only at the exact position the tail has published up to ({@link #attachAt}), under
 * the same lock as publishing, so between what it read from the backend and what it gets from here there is no gap and
 * no repeat. Shared by the journal backends: each one publishes to it in the order its records became written. The tail never
 * waits for a follower: each one has a bounded buffer of its own ({@link TailBuffer}).
 * <p>
 * A tail may keep its last few records ({@code recent}): then a follower a little behind it joins too, from those,
 * still under the lock, without reading the backend first (the response that starts a turn, which follows it from
 * its prompt, and a client that reconnects at once). What it keeps is bounded, and dropped with the tail.
 */
public final class TurnTail {

    private final BroadcastProcessor<JournalRecord> live = BroadcastProcessor.create();
    private final int recent;
    /** The last {@code recent} records published, oldest first. */
    private final ArrayDeque<JournalRecord> kept;
    /** The position of the last record published: 0 after the prompt. */
    private int position = -1;
    private boolean over;

    /** A tail that keeps nothing: a follower joins only at the exact position published. */
    public TurnTail() {
        this(0);
    }

    /** A tail that keeps its last {@code recent} records for followers that are that little behind. */
    public TurnTail(int recent) {
        this.recent = recent;
        this.kept = new ArrayDeque<>(Math.min(recent, 64));
    }

    public synchronized void publish(JournalRecord record) {
        if (over) {
            return;
        }
        position = ((TurnRecord) record).position();
        if (recent > 0) {
            if (kept.size() == recent) {
                kept.removeFirst();
            }
            kept.addLast(record);
        }
        live.onNext(record);
        if (record instanceof TerminalRecord) {
            over = true;
            live.onComplete();
        }
    }

    public synchronized void fail(Throwable failure) {
        if (!over) {
            over = true;
            live.onError(failure);
        }
    }

    /**
     * The backend stops publishing to this tail before the turn's end (the process lost or gave up the right to
     * write it): its followers are failed with a {@link BackPressureFailure}, the same signal as falling a buffer
     * behind, so each one reads on from the backend at the last record it handed on, and finds there whatever the
     * turn's end turns out to be. Joining it is refused from now on.
     */
    public synchronized void abandon() {
        if (!over) {
            over = true;
            live.onError(new BackPressureFailure("the live tail was dropped: read on from the journal"));
        }
    }

    /**
     * The records after {@code at}, as they come, into a buffer of {@code bound} records, if this tail has published
     * exactly up to {@code at}, or keeps every record after it (and they fit the buffer); empty when it is further
     * past it (read the backend again) or over.
     */
    public synchronized Optional<Multi<JournalRecord>> attachAt(int at, int bound) {
        if (over || position < at) {
            return Optional.empty();
        }
        TailBuffer buffer = new TailBuffer(bound);
        if (position > at) {
            // every record after at must be kept here (positions run on without a gap), and fit the buffer
            JournalRecord oldest = kept.peekFirst();
            if (oldest == null || ((TurnRecord) oldest).position() > at + 1 || position - at > bound) {
                return Optional.empty();
            }
            kept.stream().filter(r -> ((TurnRecord) r).position() > at).forEach(buffer::onNext);
        }
        live.subscribe(buffer);
        return Optional.of(buffer.records());
    }

    /** Whether the turn's terminal record was published (or its journal failed): nothing more will come. */
    public synchronized boolean over() {
        return over;
    }
}
