package dev.trueline.journal.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.FollowerPresence;
import dev.trueline.journal.FollowersElsewhere;
import io.smallrye.mutiny.Uni;

/**
 * Followers of a turn that another process writes, made known to that writer: its disconnect policy counts them, and
 * its terminal record's {@code delivered} takes the furthest they got (I6). A follower here cannot journal its
 * departure (an append without the lease is refused while the writer holds it), so it says it is there in Redis
 * instead: an entry in the turn's {@link RedisKeys#followers} set that lives one lease time and is renewed every
 * third of it, removed when it leaves, and the furthest chunk it was handed, in {@link RedisKeys#delivered}, the
 * maximum of every follower's, written with each renewal and on leaving. Time is Redis's own ({@code TIME} in the
 * scripts), so no two processes' clocks are compared. A follower whose process dies stops counting one lease time
 * after its last renewal. Both keys live {@link #KEEP} after the last word of any follower.
 */
final class FollowerPresences {

    private static final Logger LOG = Logger.getLogger(FollowerPresences.class);
    private static final LuaScript WRITE = LuaScript.load("presence.lua");
    private static final LuaScript READ = LuaScript.load("presence-read.lua");
    /** How long a turn's presence keys outlive the last word of its followers: longer than any turn's grace. */
    static final Duration KEEP = Duration.ofDays(1);

    private final RedisCalls redis;
    private final String prefix;
    private final Duration ttl;
    private final ScheduledExecutorService timer;

    FollowerPresences(RedisCalls redis, String prefix, Duration ttl, ScheduledExecutorService timer) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttl = ttl;
        this.timer = timer;
    }

    /** A follower of turn {@code turn} of {@code id} that saw up to {@code from}, present from now on. */
    FollowerPresence enter(ConversationId id, int turn, int from) {
        Presence presence = new Presence(RedisKeys.of(prefix, id), turn, from);
        presence.start();
        return presence;
    }

    /** How many follow turn {@code turn} of {@code id} from other processes than its writer's, and how far they got. */
    Uni<FollowersElsewhere> of(ConversationId id, int turn) {
        RedisKeys keys = RedisKeys.of(prefix, id);
        return redis.run(READ, List.of(keys.followers(turn), keys.delivered(turn)), List.of())
                .map(reply -> new FollowersElsewhere(reply.get(0).toInteger(), reply.get(1).toInteger()));
    }

    /** One follower's presence: its writes go to Redis one after the other, so a renewal never undoes its leaving. */
    private final class Presence implements FollowerPresence {

        private final RedisKeys keys;
        private final int turn;
        private final String member = UUID.randomUUID().toString();
        private final AtomicInteger delivered = new AtomicInteger();
        // Guarded by this.
        private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
        private ScheduledFuture<?> renewal;
        private boolean left;

        Presence(RedisKeys keys, int turn, int from) {
            this.keys = keys;
            this.turn = turn;
            this.delivered.set(from);
        }

        synchronized void start() {
            write(false);
            long every = Math.max(1, ttl.toMillis() / 3);
            try {
                renewal = timer.scheduleAtFixedRate(() -> write(false), every, every, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                LOG.debugf("presence of a follower of turn %d not renewed: the journal is closing", turn);
            }
        }

        @Override
        public void delivered(int seq) {
            delivered.accumulateAndGet(seq, Math::max);
        }

        @Override
        public synchronized void leave() {
            if (renewal != null) {
                renewal.cancel(false);
            }
            write(true);
        }

        private synchronized void write(boolean leaving) {
            if (left) {
                return;
            }
            left = leaving;
            String present = leaving ? "0" : Long.toString(ttl.toMillis());
            last = last.thenCompose(previous -> redis.run(WRITE, List.of(keys.followers(turn), keys.delivered(turn)),
                    List.of(member, present, Integer.toString(delivered.get()), Long.toString(KEEP.toMillis())))
                    .replaceWithVoid()
                    .onFailure().recoverWithItem(failure -> {
                        LOG.debugf("presence of a follower of turn %d not written: %s", turn, failure.getMessage());
                        return null;
                    })
                    .subscribeAsCompletionStage());
        }
    }
}
