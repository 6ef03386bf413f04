package dev.trueline.journal.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.trueline.journal.JournalHealth;
import dev.trueline.journal.JournalStatus;
import io.vertx.core.Context;

/**
 * Whether the Redis journal can take writes, for readiness and for refusing new turns: a {@code PING} on the writers'
 * client (the one appends use), answered within {@value #TIMEOUT_MILLIS} ms (a Redis that answers slowly takes writes
 * slowly; one that answers nothing within that, stopped or cut off, does not). At most one probe every
 * {@value #REPROBE_MILLIS} ms; callers in between get the last answer, so a readiness poll or a turn costs one round
 * trip at most every few seconds, not one each. A Redis that refuses the connection, or is too slow to answer, is
 * DOWN with what went wrong, so a new turn gets 503 at once instead of waiting on a lease that cannot be taken.
 */
@ApplicationScoped
@Typed(RedisJournalHealth.class) // the application's JournalHealth is JournalProducer's, this one for the redis backend
public class RedisJournalHealth implements JournalHealth {

    static final long REPROBE_MILLIS = 2000;
    /**
     * Long enough for a PING queued behind a busy pool on a loaded machine: at 1 s, S1 on Redis (bench, 2026-12-02)
     * refused 638 turns with 503 while Redis was answering every append, because one PING waited longer.
     */
    static final long TIMEOUT_MILLIS = 5000;

    private final RedisJournal journal;
    /** The last answer and when it was had; replaced whole, so a reader never sees one without the other. */
    private volatile Probed last;
    private final AtomicBoolean probing = new AtomicBoolean();

    private record Probed(JournalStatus status, long at) {
    }

    public RedisJournalHealth(RedisJournal journal) {
        this.journal = journal;
    }

    /**
     * The last answer while it is fresh; once it is stale, one caller probes and the others go on with the last
     * answer meanwhile. No lock is held during the probe: every turn start asks, and a PING waiting behind a busy
     * pool must not queue them all behind it (a recording of the Redis backend under load found exactly that).
     */
    @Override
    public JournalStatus status() {
        Probed known = last;
        if (known != null && System.nanoTime() - known.at() <= REPROBE_MILLIS * 1_000_000L) {
            return known.status();
        }
        if (known != null && !probing.compareAndSet(false, true)) {
            return known.status(); // somebody is probing: the last answer until theirs comes
        }
        try {
            Probed fresh = new Probed(probe(), System.nanoTime());
            last = fresh;
            return fresh.status();
        } finally {
            probing.set(false);
        }
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
