package dev.trueline.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * One conversation's file behind its ordered queue, and the sync mode applied to it. With {@link SyncMode#ALWAYS}
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
    /** With {@code interval}: written since the syncer last looked. */
    private final AtomicBoolean unsynced = new AtomicBoolean();
    // Touched only by tasks on the queue, one at a time.
    private List<UniEmitter<? super Void>> awaitingFsync = new ArrayList<>();
    private boolean fsyncQueued;

    Conversation(ConversationId id, ConversationFile file, SerialExecutor queue, SyncMode sync, Fsync fsync) {
        this.id = id;
        this.file = file;
        this.queue = queue;
        this.sync = sync;
        this.fsync = fsync;
    }

    /**
     * Completes once the record was written and, with {@code always}, an fsync covering it returned (I1).
     * {@code written} runs as soon as the record reached the OS.
     */
    Uni<Void> append(JournalRecord record, Runnable written) {
        return Uni.createFrom().emitter(emitter -> queue.execute(() -> {
            try (JournalLogContext ignored = JournalLogContext.enter(id, record)) {
                file.append(record);
            } catch (Throwable t) {
                emitter.fail(t);
                return;
            }
            written.run();
            if (sync == SyncMode.ALWAYS) {
                awaitingFsync.add(emitter);
                if (!fsyncQueued) {
                    fsyncQueued = true;
                    queue.execute(this::fsyncAwaiting);
                }
                return;
            }
            if (sync == SyncMode.INTERVAL) {
                unsynced.set(true);
            }
            emitter.complete(null);
        }));
    }

    /** Runs a task on the conversation's queue, in order with its appends. */
    <T> Uni<T> run(IoTask<T> task) {
        return Uni.createFrom().emitter(emitter -> queue.execute(() -> {
            try {
                emitter.complete(task.run(file));
            } catch (Throwable t) {
                emitter.fail(t);
            }
        }));
    }

    /** With {@code interval}: queues an fsync if anything was written since the last one. */
    void syncIfWritten() {
        if (unsynced.compareAndSet(true, false)) {
            queue.execute(() -> {
                try {
                    file.force(fsync);
                } catch (RuntimeException e) {
                    LOG.errorf("interval fsync failed, retried on the next tick: %s", e.getMessage());
                    unsynced.set(true);
                }
            });
        }
    }

    /** Forces whatever is written, in order with the queue; for shutdown. */
    Uni<Void> forceNow() {
        return run(f -> {
            f.force(fsync);
            return null;
        });
    }

    private void fsyncAwaiting() {
        fsyncQueued = false;
        List<UniEmitter<? super Void>> covered = awaitingFsync;
        awaitingFsync = new ArrayList<>();
        try {
            file.force(fsync);
        } catch (Throwable t) {
            covered.forEach(e -> e.fail(t));
            return;
        }
        // I1 with sync=always: only now may the chunks these appends carry be delivered.
        covered.forEach(e -> e.complete(null));
    }

    void close() {
        file.close();
    }

    @FunctionalInterface
    interface IoTask<T> {
        T run(ConversationFile file) throws Exception;
    }
}
