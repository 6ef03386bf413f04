package dev.trueline.journal.redis;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.trueline.journal.JournalHealth;
import dev.trueline.journal.JournalStatus;
import io.vertx.core.Context;

/**
 * Whether the Redis journal can take writes, for readiness and for refusing new turns: a {@code PING} on the writers'
 * client (the one appends use), answered within {@value #TIMEOUT_MILLIS} ms. At most one probe every
 * {@value #REPROBE_MILLIS} ms; callers in between get the last answer, so a readiness poll or a turn costs one round
 * trip at most every few seconds, not one each. A Redis that refuses the connection, or is too slow to answer, is
 * DOWN with what went wrong, so a new turn gets 503 at once instead of waiting on a lease that cannot be taken.
 */
@ApplicationScoped
@Typed(RedisJournalHealth.class) // the application's JournalHealth is JournalProducer's, this one for the redis backend
public class RedisJournalHealth implements JournalHealth {

    static final long REPROBE_MILLIS = 2000;
    static final long TIMEOUT_MILLIS = 1000;

    private final RedisJournal journal;
    private JournalStatus last;
    private long probedAt;

    public RedisJournalHealth(RedisJournal journal) {
        this.journal = journal;
    }

    @Override
    public synchronized JournalStatus status() {
        if (last == null || System.nanoTime() - probedAt > REPROBE_MILLIS * 1_000_000L) {
            last = probe();
            probedAt = System.nanoTime();
        }
        return last;
    }

    private JournalStatus probe() {
        if (Context.isOnEventLoopThread()) { // waiting for the reply here would block the loop that reads it
            throw new IllegalStateException("Redis journal health probed on event-loop thread "
                    + Thread.currentThread().getName());
        }
        try {
            journal.ping().await().atMost(Duration.ofMillis(TIMEOUT_MILLIS));
            return new JournalStatus(true, null, -1, 0);
        } catch (io.smallrye.mutiny.TimeoutException slow) {
            return new JournalStatus(false, "Redis did not answer PING within " + TIMEOUT_MILLIS + " ms", -1, 0);
        } catch (RuntimeException e) {
            return new JournalStatus(false, "Redis does not answer PING: " + e.getMessage(), -1, 0);
        }
    }
}
