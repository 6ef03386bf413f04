package dev.trueline.journal.redis;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.trueline.journal.JournalUnavailableException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * One Redis client as the journal uses it: every failure of Redis itself (unreachable, timed out, an error reply, no
 * client configured) is a {@link JournalUnavailableException}, so the journal's own refusals, decided on Redis's
 * replies, are never mistaken for one, nor the other way round. The client is looked up on the first call only: an
 * application that never journals to Redis never needs one configured.
 */
final class RedisCalls {

    private final Supplier<Redis> client;
    private volatile Redis redis;

    RedisCalls(Supplier<Redis> client) {
        this.client = client;
    }

    Uni<Response> send(Request request) {
        return Uni.createFrom().deferred(() -> redis().send(request)).onFailure().transform(RedisCalls::unavailable);
    }

    Uni<Response> run(LuaScript script, List<String> keys, List<String> args) {
        return Uni.createFrom().deferred(() -> script.run(redis(), keys, args))
                .onFailure().transform(RedisCalls::unavailable);
    }

    /** A connection of its own, out of the pool until it is closed (a pub/sub subscriber needs one). */
    Uni<RedisConnection> connect() {
        return Uni.createFrom().deferred(() -> redis().connect()).onFailure().transform(RedisCalls::unavailable);
    }

    /**
     * {@code calls}, given a sender whose requests all go on one connection of the pool, given back to the pool once
     * they are over: for a command whose meaning depends on the connection it is sent on ({@code WAIT}).
     */
    <T> Uni<T> onOneConnection(Function<Function<Request, Uni<Response>>, Uni<T>> calls) {
        return Uni.createFrom().deferred(() -> redis().connect())
                .chain(connection -> calls.apply(connection::send).eventually(connection::close))
                .onFailure().transform(RedisCalls::unavailable);
    }

    private Redis redis() {
        Redis r = redis;
        if (r == null) {
            r = client.get(); // two first calls at once may both look it up: the same bean, no harm
            redis = r;
        }
        return r;
    }

    private static Throwable unavailable(Throwable failure) {
        if (failure instanceof JournalUnavailableException) {
            return failure; // already said what is unavailable
        }
        return new JournalUnavailableException("redis: " + failure.getMessage(), failure);
    }
}
