package dev.trueline.journal.redis;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

import org.jboss.logging.Logger;

import dev.trueline.journal.ConversationBusyException;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.LeasePurpose;
import io.smallrye.mutiny.Uni;

/**
 * The leases of the Redis journal, shared by every process that uses the same Redis. Taking one is a script that
 * checks the lease key, takes the next fencing epoch ({@code INCR}) and sets the key ({@code SET NX PX}) at once;
 * the holder renews it every third of the lease time and gives it back with a compare-and-delete. An append carries
 * the epoch and the append script refuses it unless the key still holds that epoch: a holder paused past its lease
 * can never write again, even if it does not know yet that it lost it.
 */
final class RedisLeases {

    private static final Logger LOG = Logger.getLogger(RedisLeases.class);
    private static final LuaScript TAKE = LuaScript.load("lease-take.lua");
    private static final LuaScript RENEW = LuaScript.load("retention.lua", "lease-renew.lua");
    private static final LuaScript RUNS = LuaScript.load("lease-runs.lua");
    private static final LuaScript RELEASE = LuaScript.load("lease-release.lua");

    /** A lease as its key holds it: {@code "<epoch> <PURPOSE> <turn>"}. */
    record Holder(long epoch, LeasePurpose purpose, int turn) {

        static Optional<Holder> parse(String value) {
            if (value == null || value.isEmpty()) {
                return Optional.empty();
            }
            String[] parts = value.split(" ");
            return Optional.of(new Holder(Long.parseLong(parts[0]), LeasePurpose.valueOf(parts[1]),
                    parts.length > 2 ? Integer.parseInt(parts[2]) : 0));
        }

        /** The turn this holder runs, if it holds the conversation for one and has named it. */
        OptionalInt runningTurn() {
            return purpose == LeasePurpose.TURN && turn > 0 ? OptionalInt.of(turn) : OptionalInt.empty();
        }
    }

    private final RedisCalls redis;
    private final String prefix;
    private final Duration leaseTime;
    private final ScheduledExecutorService timer;
    private final Retention retention;

    RedisLeases(RedisCalls redis, String prefix, Duration leaseTime, ScheduledExecutorService timer,
            Retention retention) {
        this.retention = retention;
        this.redis = redis;
        this.prefix = prefix;
        this.leaseTime = leaseTime;
        this.timer = timer;
    }

    /**
     * A lease just taken: its fencing epoch, and the turn the conversation's state still has open with its chunk count
     * ({@code openTurn} 0 for none). A turn open while nobody held the lease is one whose writer is gone.
     */
    record Taken(long epoch, int openTurn, int chunks) {
    }

    /** Takes the lease of {@code id}, or fails with {@link ConversationBusyException} when someone holds it. */
    Uni<Taken> take(ConversationId id, LeasePurpose purpose) {
        RedisKeys keys = RedisKeys.of(prefix, id);
        return redis.run(TAKE, List.of(keys.lease(), keys.epoch(), keys.state()),
                List.of(purpose.name(), millis(), retention.arg()))
                .map(reply -> {
                    if (!"OK".equals(reply.get(0).toString())) {
                        throw busy(id, reply.get(1).toString());
                    }
                    return new Taken(reply.get(1).toLong(), reply.get(2).toInteger(), reply.get(3).toInteger());
                });
    }

    /**
     * Renews the lease every third of the lease time until the returned handle is cancelled or the lease is lost.
     * Each renewal also looks for a stop asked of the lease's turn by another process and hands its {@code seen} to
     * {@code stopAsked}: the fallback for a wake-up that pub/sub lost ({@link StopRequests}).
     */
    ScheduledFuture<?> keepRenewed(ConversationId id, long epoch, Runnable lost, IntConsumer stopAsked) {
        long every = Math.max(1, leaseTime.toMillis() / 3);
        RedisKeys of = RedisKeys.of(prefix, id);
        List<String> keys = List.of(of.lease(), of.stop(), of.log(), of.state(), of.epoch());
        List<String> args = List.of(Long.toString(epoch), millis(), retention.arg());
        // one renewal at a time: a tick while the last is unanswered is skipped, so a slow Redis gets no pile of
        // renewals, and the loss is reported once
        AtomicBoolean inFlight = new AtomicBoolean();
        AtomicBoolean gone = new AtomicBoolean();
        return timer.scheduleWithFixedDelay(() -> {
            if (gone.get() || !inFlight.compareAndSet(false, true)) {
                return;
            }
            // a running turn keeps its conversation from expiring (retention) however long its model is silent
            retention.active(id, redis.run(RENEW, keys, args))
                    // an answer that never comes must not stop the renewals for good
                    .ifNoItem().after(Duration.ofMillis(every)).fail()
                    .eventually(() -> inFlight.set(false))
                    .subscribe().with(renewed -> {
                        if (renewed.get(0).toInteger() == 0) {
                            if (gone.compareAndSet(false, true)) {
                                lost.run();
                            }
                        } else if (renewed.size() > 1) {
                            stopAsked.accept(renewed.get(1).toInteger());
                        }
                    }, failure -> LOG.warnf("lease %d on %s not renewed, retrying: %s", epoch, id,
                            failure.getMessage()));
        },
                every, every, TimeUnit.MILLISECONDS);
    }

    /** Writes the turn the lease runs into its key, where readers and followers of other processes see it. */
    Uni<Boolean> runs(ConversationId id, long epoch, LeasePurpose purpose, int turn) {
        return redis.run(RUNS, List.of(RedisKeys.of(prefix, id).lease()),
                List.of(Long.toString(epoch), purpose.name(), Integer.toString(turn)))
                .map(reply -> reply.toInteger() == 1);
    }

    /** Deletes the lease key if it still holds {@code epoch}. */
    Uni<Boolean> release(ConversationId id, long epoch) {
        return redis.run(RELEASE, List.of(RedisKeys.of(prefix, id).lease()), List.of(Long.toString(epoch)))
                .map(reply -> reply.toInteger() == 1);
    }

    /** The refusal for a conversation whose lease key holds {@code holder}. */
    static ConversationBusyException busy(ConversationId id, String holder) {
        return new ConversationBusyException(id,
                Holder.parse(holder).map(Holder::purpose).orElse(LeasePurpose.TURN));
    }

    private String millis() {
        return Long.toString(leaseTime.toMillis());
    }
}
