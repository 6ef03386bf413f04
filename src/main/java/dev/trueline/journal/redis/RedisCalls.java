package dev.trueline.journal.redis;

import java.util.List;

import dev.trueline.journal.JournalUnavailableException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * One Redis client as the journal uses it: every failure of Redis itself (unreachable, timed out, an error reply) is a
 * {@link JournalUnavailableException}, so the journal's own refusals, decided on Redis's replies, are never mistaken
 * for one, nor the other way round.
 */
final class RedisCalls {

    private final Redis redis;

    RedisCalls(Redis redis) {
        this.redis = redis;
    }

    Uni<Response> send(Request request) {
        return redis.send(request).onFailure().transform(RedisCalls::unavailable);
    }

    Uni<Response> run(LuaScript script, List<String> keys, List<String> args) {
        return script.run(redis, keys, args).onFailure().transform(RedisCalls::unavailable);
    }

    private static Throwable unavailable(Throwable failure) {
        return new JournalUnavailableException("redis: " + failure.getMessage(), failure);
    }
}
