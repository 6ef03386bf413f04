package dev.trueline.journal.redis;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

import org.jboss.logging.Logger;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationLease;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.LeaseLostException;
import dev.trueline.journal.LeasePurpose;
import dev.trueline.journal.TerminalRecord;
import io.smallrye.mutiny.Uni;

/**
 * One held lease of the Redis journal: its fencing epoch goes with every append and deletion it makes, so Redis
 * refuses them once the lease is someone else's. Renewed while held; released by compare-and-delete. A stop that
 * another process asks of its turn ({@link StopRequests}) is handed to the {@link #onStopRequest} callback once.
 */
final class RedisLease implements ConversationLease {

    private static final Logger LOG = Logger.getLogger(RedisLease.class);

    private final RedisJournal journal;
    private final StopRequests stops;
    private final ConversationId id;
    private final LeasePurpose purpose;
    private final long epoch;
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean lost;
    /** Its turn's terminal record was written, which ended the lease in Redis. */
    private volatile boolean ended;
    /** The turn this lease runs, once named: 0 for none. */
    private volatile int turn;
    private volatile ScheduledFuture<?> renewal;
    private final AtomicBoolean stopHandedOn = new AtomicBoolean();
    private volatile IntConsumer onStop;
    /** A stop asked before the callback was set: the seen count, or -1. */
    private volatile int stopPending = -1;

    RedisLease(RedisJournal journal, StopRequests stops, ConversationId id, LeasePurpose purpose, long epoch) {
        this.journal = journal;
        this.stops = stops;
        this.id = id;
        this.purpose = purpose;
        this.epoch = epoch;
    }

    void renewWith(ScheduledFuture<?> renewal) {
        this.renewal = renewal;
    }

    /** The renewal found the key gone or someone else's. */
    void lost() {
        if (ended) {
            return; // its turn's terminal record deleted the key: nothing was lost
        }
        LOG.warnf("lease %d on %s was lost: its appends are refused from now on", epoch, id);
        lost = true;
        stopRenewing();
        journal.stopsWriting(id, turn);
        stops.unwatch(this);
    }

    /**
     * Another process asked to stop this lease's turn, having seen {@code seen} chunks: handed on once. {@code how}
     * says how it was found (its wake-up, or the renewal), for the log.
     */
    void stopAsked(int seen, String how) {
        IntConsumer stop = onStop;
        if (stop == null) {
            stopPending = seen;
            stop = onStop; // set meanwhile: it may have missed the pending count
            if (stop == null) {
                return;
            }
        }
        if (!released.get() && stopHandedOn.compareAndSet(false, true)) {
            LOG.infof("lease %d on %s: another process asked to stop its turn at %d chunks seen (found %s)", epoch,
                    id, seen, how);
            stop.accept(seen);
        }
    }

    long epoch() {
        return epoch;
    }

    @Override
    public ConversationId conversation() {
        return id;
    }

    @Override
    public Uni<Void> append(JournalRecord record) {
        if (released.get()) {
            return Uni.createFrom().failure(new IllegalStateException("the lease on " + id + " was released"));
        }
        if (lost) {
            return Uni.createFrom().failure(new LeaseLostException("the lease on " + id + " was lost"));
        }
        Uni<Void> append = journal.append(id, record, epoch); // the script checks the epoch whatever we believe
        if (record instanceof TerminalRecord end && end.turn() == turn && turn != 0) {
            // the script deleted the lease with its turn's end (append.lua): renewing it now would find it gone
            return append.invoke(() -> {
                ended = true;
                stopRenewing();
            });
        }
        return append;
    }

    @Override
    public void runs(int turn) {
        this.turn = turn;
        journal.runs(id, epoch, purpose, turn).subscribe().with(named -> {
            if (!named) {
                LOG.warnf("lease %d on %s was lost before it could name turn %d", epoch, id, turn);
            }
        }, failure -> LOG.warnf("lease %d on %s: turn %d not named: %s", epoch, id, turn, failure.getMessage()));
    }

    @Override
    public void onStopRequest(IntConsumer stop) {
        onStop = stop;
        int pending = stopPending;
        if (pending >= 0) {
            stopAsked(pending, "before the turn was set going");
        }
    }

    @Override
    public Uni<Boolean> delete() {
        return journal.delete(id, epoch);
    }

    @Override
    public void release() {
        if (released.compareAndSet(false, true)) {
            stopRenewing();
            journal.stopsWriting(id, turn); // without its terminal record (that one drops the tail): followers read on
            stops.unwatch(this);
            journal.release(id, epoch).subscribe().with(ignored -> {
            }, failure -> LOG.warnf("lease %d on %s not released (it expires on its own): %s", epoch, id,
                    failure.getMessage()));
        }
    }

    /** Stops renewing without giving the lease back: it expires on its own, as after a crash. */
    void stopRenewing() {
        ScheduledFuture<?> r = renewal;
        if (r != null) {
            r.cancel(false);
        }
    }
}
