package dev.trueline.journal.file;

import java.util.Optional;

import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.TerminalRecord;
import dev.trueline.journal.TurnRecord;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * The live end of one running turn: each of its records as it becomes durable, broadcast to the followers that caught
 * up with it. A follower joins only at the exact position the tail has published up to ({@link #attachAt}), under the
 * same lock as publishing, so between what it read from the file and what it gets from here there is no gap and no
 * repeat. The tail never waits for a follower: each one has a bounded buffer of its own ({@link TailBuffer}).
 */
final class TurnTail {

    private final BroadcastProcessor<JournalRecord> live = BroadcastProcessor.create();
    /** The position of the last record published: 0 after the prompt. */
    private int position = -1;
    private boolean over;

    synchronized void publish(JournalRecord record) {
        if (over) {
            return;
        }
        position = ((TurnRecord) record).position();
        live.onNext(record);
        if (record instanceof TerminalRecord) {
            over = true;
            live.onComplete();
        }
    }

    synchronized void fail(Throwable failure) {
        if (!over) {
            over = true;
            live.onError(failure);
        }
    }

    /**
     * The records after {@code at}, as they come, into a buffer of {@code bound} records, if this tail has published
     * exactly up to {@code at}; empty when it is past it (read the file again) or over.
     */
    synchronized Optional<Multi<JournalRecord>> attachAt(int at, int bound) {
        if (over || position != at) {
            return Optional.empty();
        }
        TailBuffer buffer = new TailBuffer(bound);
        live.subscribe(buffer);
        return Optional.of(buffer.records());
    }

    /** Whether the turn's terminal record was published (or its journal failed): nothing more will come. */
    synchronized boolean over() {
        return over;
    }
}
