package dev.trueline.journal.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jboss.logging.Logger;

import dev.trueline.journal.ConversationId;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

/**
 * Stop across processes: a Stop sent to a process that does not run the turn is recorded in Redis for the process
 * that does. The request is the conversation's stop key ({@link RedisKeys#stop}, {@code "<epoch> <turn> <seen>"}),
 * written by {@code stop-request.lua} only while the lease names that turn, under the lease's epoch (so a later lease
 * never honours it) and living one lease time (a holder that has not seen it by then is dead, and its turn is healed
 * instead). The holder finds it two ways: a wake-up published on {@link RedisKeys#stopChannel}, at once but not
 * reliably ({@link StopWakeups}), and the lease renewal, which reads the key every third of the lease time
 * ({@code lease-renew.lua}). Either way the lease's {@code onStopRequest} callback stops the turn, once.
 */
final class StopRequests {

    private static final Logger LOG = Logger.getLogger(StopRequests.class);
    private static final LuaScript REQUEST = LuaScript.load("stop-request.lua");

    private final RedisCalls redis;
    private final String prefix;
    private final Duration leaseTime;
    private final StopWakeups wakeups;
    /** The leases this process holds, by conversation: who a wake-up is for. */
    private final ConcurrentMap<ConversationId, RedisLease> held = new ConcurrentHashMap<>();

    StopRequests(RedisCalls redis, String prefix, Duration leaseTime) {
        this.redis = redis;
        this.prefix = prefix;
        this.leaseTime = leaseTime;
        this.wakeups = new StopWakeups(redis, RedisKeys.stopChannel(prefix), this::wake);
    }

    /**
     * Records a stop of turn {@code turn} of {@code id} with the stopper's {@code seen}, and wakes its holder: true
     * when recorded, false when no lease runs that turn or a stop of it is recorded already.
     */
    Uni<Boolean> request(ConversationId id, int turn, int seen) {
        RedisKeys keys = RedisKeys.of(prefix, id);
        return redis.run(REQUEST, List.of(keys.lease(), keys.stop()), List.of(Integer.toString(turn),
                Integer.toString(seen), Long.toString(leaseTime.toMillis()), RedisKeys.stopChannel(prefix), id.value()))
                .map(reply -> "OK".equals(reply.get(0).toString()));
    }

    /** {@code lease} is held by this process from now on: wake-ups for its conversation are its. */
    void watch(RedisLease lease) {
        held.put(lease.conversation(), lease);
        wakeups.ensure();
    }

    /** {@code lease} is given back or lost. */
    void unwatch(RedisLease lease) {
        held.remove(lease.conversation(), lease);
    }

    /** Ends the wake-ups. */
    void close() {
        wakeups.close();
    }

    /** A wake-up for conversation {@code cid}: if this process holds its lease, read the request and hand it on. */
    private void wake(String cid) {
        if (!ConversationId.isValid(cid)) {
            return;
        }
        RedisLease lease = held.get(ConversationId.of(cid));
        if (lease == null) {
            return; // another process's lease
        }
        redis.send(Request.cmd(Command.GET).arg(RedisKeys.of(prefix, lease.conversation()).stop()))
                .subscribe().with(asked -> {
                    if (asked == null) {
                        return;
                    }
                    String[] parts = asked.toString().split(" ");
                    if (parts.length == 3 && Long.parseLong(parts[0]) == lease.epoch()) {
                        lease.stopAsked(Integer.parseInt(parts[2]), "on its wake-up");
                    }
                }, failure -> LOG.debugf("stop of %s not read on its wake-up (the renewal will): %s", cid,
                        failure.getMessage()));
    }
}
