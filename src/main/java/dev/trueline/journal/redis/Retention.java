package dev.trueline.journal.redis;

import java.time.Duration;
import java.util.Optional;

import dev.trueline.journal.ConversationId;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Optional retention of the Redis journal ({@code trueline.journal.redis.ttl}; unset: nothing is ever trimmed). A
 * conversation's log, state and epoch keys expire the TTL after its last activity: the append script and the lease
 * renewal script refresh their expiry atomically with what they write ({@code retention.lua}), so a running turn's
 * conversation never expires however long its model is silent, and the lease key keeps its own, shorter, expiry.
 * Fencing epochs never repeat even once the epoch key expired: a new one is never less than the server's clock in
 * microseconds ({@code lease-take.lua}).
 * <p>
 * The index ({@code <prefix>:conversations}, which no script may touch: it is in no conversation's Cluster slot) is
 * scored by last activity: each append and each renewal also raises the conversation's score to now ({@code ZADD GT},
 * sent alongside the script), and listing first drops the members whose score is older than the TTL, so it never
 * names a conversation that expired. Scores come from the application's clock and expiry from the server's: the two
 * must agree to well within the TTL.
 */
final class Retention {

    private final RedisCalls writers;
    private final String index;
    private final Optional<Duration> ttl;

    /** @param ttl longer than the lease time ({@link RedisSettings}) */
    Retention(RedisCalls writers, String prefix, Optional<Duration> ttl) {
        this.writers = writers;
        this.index = RedisKeys.index(prefix);
        this.ttl = ttl;
    }

    /** The scripts' retention argument: the TTL in milliseconds, or {@code ""} for none. */
    String arg() {
        return ttl.map(t -> Long.toString(t.toMillis())).orElse("");
    }

    /** {@code call}, with the index told that {@code id} is active, at the same time, when there is a TTL. */
    Uni<Response> active(ConversationId id, Uni<Response> call) {
        if (ttl.isEmpty()) {
            return call;
        }
        return Uni.combine().all().unis(call, touch(id)).with((reply, ignored) -> reply);
    }

    /** Raises the index score of {@code id} to now: it was active. */
    Uni<Void> touch(ConversationId id) {
        return writers.send(Request.cmd(Command.ZADD).arg(index).arg("GT").arg(System.currentTimeMillis())
                .arg(id.value())).replaceWithVoid();
    }

    /** The index's members, oldest activity first, once those inactive for longer than the TTL were dropped. */
    Uni<Response> members() {
        Uni<Response> all = writers.send(Request.cmd(Command.ZRANGE).arg(index).arg(0).arg(-1));
        if (ttl.isEmpty()) {
            return all;
        }
        long expired = System.currentTimeMillis() - ttl.get().toMillis();
        return writers.send(Request.cmd(Command.ZREMRANGEBYSCORE).arg(index).arg("-inf").arg("(" + expired))
                .chain(() -> all);
    }
}
