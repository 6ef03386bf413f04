package dev.trueline.journal.file;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationLogContext;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.JournalUnavailableException;
import dev.trueline.journal.SyncMode;
import dev.trueline.journal.TerminalRecord;
import dev.trueline.journal.TurnTails;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * One conversation's file behind its ordered queue, the sync mode applied to it, and the publishing of each record,
 * once it counts as written, to the followers of its turn ({@link TurnTails}). With {@link SyncMode#ALWAYS}
 * this is where group commit happens: an append writes its line, then waits for the next fsync of the file; appends
 * that queue up while an fsync runs are all written before the following fsync, which then covers them all.
 */
final class Conversation {

    private static final Logger LOG = Logger.getLogger(Conversation.class);

    private final ConversationId id;
    private final ConversationFile file;
    private final SerialExecutor queue;
    private final SyncMode sync;
    private final Fsync fsync;
    private final TurnTails tails;
    /** With {@code interval}: written since the syncer last looked. */
    private final AtomicBoolean unsynced = new AtomicBoolean();
    // Touched only by tasks on the queue, one at a time.
    private List<Pending> awaitingFsync = new ArrayList<>();
    private boolean fsyncQueued;

    /** A record written to the OS, waiting for the fsync that makes it count as written. */
    private record Pending(JournalRecord record, UniEmitter<? super Void> done) {
    }

    Conversation(ConversationId id, ConversationFile file, SerialExecutor queue, SyncMode sync, Fsync fsync,
            TurnTails tails) {
        this.id = id;
        this.file = file;
        this.queue = queue;
        this.sync = sync;
        this.fsync = fsync;
        this.tails = tails;
    }

    /**
     * The task that appends a record: once the record was written and, with {@code always}, an fsync covering it
     * returned (I1), it is published to the turn's followers and {@code done} completes (see {@link #published}).
     * {@code written} gets
     * the record as written (its counts filled in) as soon as it reached the OS. A record that fails fails its turn's
     * followers too.
     */
    SerialExecutor.Task append(JournalRecord record, Consumer<JournalRecord> written, UniEmitter<? super Void> done) {
        return SerialExecutor.Task.of(() -> {
            JournalRecord accepted;
            try (ConversationLogContext ignored = ConversationLogContext.enter(id, record)) {
                accepted = file.append(record);
            } catch (Throwable t) {
                failed(record, t, done);
                return;
            }
            written.accept(accepted);
            if (sync == SyncMode.ALWAYS) {
                awaitingFsync.add(new Pending(accepted, done));
                if (!fsyncQueued) {
                    fsyncQueued = true;
                    onQueue(SerialExecutor.Task.of(this::fsyncAwaiting, this::failAwaiting));
                }
                return;
            }
            if (sync == SyncMode.INTERVAL) {
                unsynced.set(true);
            }
            published(accepted, done);
        }, t -> failed(record, t, done));
    }

    private void failed(JournalRecord record, Throwable failure, UniEmitter<? super Void> done) {
        // A refusal (I2, I3) leaves the turn as it was; a storage failure means its followers wait in vain.
        if (failure instanceof JournalUnavailableException) {
            tails.failed(id, record, failure);
        }
        done.fail(failure);
    }

    /** The task that runs {@code task} on the conversation's file, in order with its appends. */
    <T> SerialExecutor.Task run(IoTask<T> task, UniEmitter<? super T> done) {
        return SerialExecutor.Task.of(() -> {
            try {
                done.complete(task.run(file));
            } catch (Throwable t) {
                done.fail(t);
            }
        }, done::fail);
    }

    /** With {@code interval}: the task forcing what was written since the last fsync, or null if nothing was. */
    SerialExecutor.Task syncIfWritten() {
        if (!unsynced.compareAndSet(true, false)) {
            return null;
        }
        return SerialExecutor.Task.of(() -> {
            try {
                file.force(fsync);
            } catch (RuntimeException e) {
                LOG.errorf("interval fsync failed, retried on the next tick: %s", e.getMessage());
                unsynced.set(true);
            }
        }, rejected -> LOG.errorf("interval fsync of %s not run: %s", id, rejected.getMessage()));
    }

    /** The task forcing whatever is written, in order with the queue; for shutdown. */
    SerialExecutor.Task forceNow(UniEmitter<? super Void> done) {
        return run(f -> {
            f.force(fsync);
            return null;
        }, done);
    }

    /** This conversation's ordered queue. */
    SerialExecutor queue() {
        return queue;
    }

    /**
     * Nothing queued or running and nothing to remember: no open turn, no open file, nothing written that the sync
     * mode still has to force. Forgetting such a conversation loses nothing a fresh one would not rebuild from its
     * file. Meaningful only under the journal's lock for this conversation, where nothing can be queued meanwhile.
     */
    boolean idle() {
        // The queue's lock first: it orders this read after the last task's writes to the file's state.
        return queue.idle() && !unsynced.get() && file.idle();
    }

    /** Queues a follow-up from a task on this queue: the queue is running, so it is never the one to start it. */
    private void onQueue(SerialExecutor.Task task) {
        if (queue.enqueue(task)) {
            throw new IllegalStateException("a follow-up task was queued on an idle queue");
        }
    }

    private void failAwaiting(Throwable cause) {
        fsyncQueued = false;
        List<Pending> covered = awaitingFsync;
        awaitingFsync = new ArrayList<>();
        covered.forEach(p -> failed(p.record(), cause, p.done()));
    }

    private void fsyncAwaiting() {
        fsyncQueued = false;
        List<Pending> covered = awaitingFsync;
        awaitingFsync = new ArrayList<>();
        try {
            file.force(fsync);
        } catch (Throwable t) {
            covered.forEach(p -> failed(p.record(), t, p.done()));
            return;
        }
        // I1 with sync=always: only now may the chunks these appends carry be delivered, in the order written.
        for (Pending p : covered) {
            published(p.record(), p.done());
        }
    }

    /**
     * Hands a written record to its followers and completes its append. A terminal record's append completes first:
     * its writer releases the turn's lease on that, so whoever is handed the end can start the next turn at once
     * (the Redis journal deletes the lease in the script that appends the record).
     */
    private void published(JournalRecord record, UniEmitter<? super Void> done) {
        if (record instanceof TerminalRecord) {
            done.complete(null);
            tails.published(id, record);
        } else {
            tails.published(id, record);
            done.complete(null);
        }
    }

    void close() {
        file.close();
    }

    @FunctionalInterface
    interface IoTask<T> {
        T run(ConversationFile file) throws Exception;
    }
}
