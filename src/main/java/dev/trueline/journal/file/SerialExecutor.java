package dev.trueline.journal.file;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import dev.trueline.journal.JournalUnavailableException;

/**
 * Runs tasks one at a time, in submission order, on a shared pool. One per conversation: a shared pool alone
 * reorders a conversation's records (seen: {@code chunk 1, aborted, chunk 2}).
 * <p>
 * Submitting is two steps so that the journal can queue a task under its map's lock for the conversation and hand
 * it to the pool outside that lock: {@link #enqueue} says whether the caller must {@link #start} the queue. A task
 * the pool refuses (shut down) is {@linkplain Task#reject rejected} rather than left to stall the queue. When the
 * queue runs dry, {@code onIdle} runs, outside this queue's lock, so the journal can forget an idle conversation.
 */
final class SerialExecutor {

    private final Queue<Task> tasks = new ArrayDeque<>();
    private final Executor pool;
    private final Runnable onIdle;
    /** A task is running, or handed to the pool, or about to be: nobody else may start the queue. */
    private boolean running;

    SerialExecutor(Executor pool, Runnable onIdle) {
        this.pool = pool;
        this.onIdle = onIdle;
    }

    /** Queues a task; true if the queue was idle and the caller must now call {@link #start}, outside any lock. */
    synchronized boolean enqueue(Task task) {
        tasks.add(task);
        if (running) {
            return false;
        }
        running = true;
        return true;
    }

    /** Hands the next task to the pool; only after {@link #enqueue} returned true. */
    void start() {
        next(false);
    }

    /** Nothing queued, nothing running. Stays true until the next {@link #enqueue}. */
    synchronized boolean idle() {
        return !running;
    }

    private void next(boolean onPool) {
        while (true) {
            Task task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    running = false;
                    break;
                }
            }
            try {
                pool.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        next(true);
                    }
                });
                return;
            } catch (RejectedExecutionException e) {
                // The pool is shut down: fail the task and go on, so the tasks behind it fail too instead of hanging.
                task.reject(new JournalUnavailableException("the journal is shut down", e));
            }
        }
        if (onPool) {
            // Only from the pool: a caller that just enqueued may still hold the journal's lock for this conversation.
            onIdle.run();
        }
    }

    /** A unit of work that can be told it will never run. */
    interface Task extends Runnable {

        /** The task will not run; {@code cause} says why. */
        void reject(Throwable cause);

        static Task of(Runnable run, java.util.function.Consumer<Throwable> rejected) {
            return new Task() {
                @Override
                public void run() {
                    run.run();
                }

                @Override
                public void reject(Throwable cause) {
                    rejected.accept(cause);
                }
            };
        }
    }
}
