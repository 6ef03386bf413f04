package dev.trueline.journal.redis;

import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * This process's subscription to the channel on which a stop asked of a lease's holder is announced
 * ({@link RedisKeys#stopChannel}): each message names a conversation, handed to {@code wake}. Only a wake-up: pub/sub
 * delivers at most once and loses what is published while the connection is down, so the request itself is a key the
 * holder also reads with each renewal ({@link StopRequests}). The subscription holds one connection of the writers'
 * client for as long as it lasts; it is made when the first lease is taken, and again after it was lost.
 */
final class StopWakeups {

    private static final Logger LOG = Logger.getLogger(StopWakeups.class);

    private enum State {
        NONE,
        CONNECTING,
        SUBSCRIBED,
        CLOSED
    }

    private final RedisCalls redis;
    private final String channel;
    private final Consumer<String> wake;
    // Guarded by this.
    private State state = State.NONE;
    private RedisConnection connection;

    StopWakeups(RedisCalls redis, String channel, Consumer<String> wake) {
        this.redis = redis;
        this.channel = channel;
        this.wake = wake;
    }

    /** Subscribes, unless subscribed or on the way; a failure is logged, and the next call tries again. */
    void ensure() {
        synchronized (this) {
            if (state != State.NONE) {
                return;
            }
            state = State.CONNECTING;
        }
        redis.connect().subscribe().with(this::subscribe, failure -> lost("cannot connect: " + failure.getMessage()));
    }

    private void subscribe(RedisConnection c) {
        synchronized (this) {
            if (state == State.CLOSED) {
                c.closeAndForget();
                return;
            }
            connection = c;
        }
        c.handler(this::onMessage)
                .exceptionHandler(failure -> lost(failure.getMessage()))
                .endHandler(() -> lost("the connection closed"));
        c.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).subscribe().with(ignored -> {
            synchronized (this) {
                if (state == State.CONNECTING) {
                    state = State.SUBSCRIBED;
                }
            }
        }, failure -> lost("SUBSCRIBE failed: " + failure.getMessage()));
    }

    /** A push on the connection: {@code ["message", channel, payload]} in RESP2 and RESP3 alike. */
    private void onMessage(Response message) {
        if (message != null && message.size() >= 3 && "message".equals(message.get(0).toString())
                && channel.equals(message.get(1).toString())) {
            wake.accept(message.get(2).toString());
        }
    }

    private void lost(String why) {
        RedisConnection c;
        synchronized (this) {
            if (state == State.CLOSED || state == State.NONE) {
                return;
            }
            state = State.NONE;
            c = connection;
            connection = null;
        }
        LOG.warnf("stop wake-ups on %s lost (%s): stops asked meanwhile are found with the next lease renewal",
                channel, why);
        if (c != null) {
            c.closeAndForget();
        }
    }

    /** Ends the subscription for good. */
    void close() {
        RedisConnection c;
        synchronized (this) {
            state = State.CLOSED;
            c = connection;
            connection = null;
        }
        if (c != null) {
            c.closeAndForget();
        }
    }
}
