package dev.trueline.journal.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import dev.trueline.testing.RedisServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real redis-server for a {@code @QuarkusTest}, with the application's two Redis clients pointed at it: the default
 * one (writers) and {@code trueline-follow} (followers' blocking reads).
 */
public class RedisServerResource implements QuarkusTestResourceLifecycleManager {

    private RedisServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = RedisServer.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.redis.hosts", server.uri(), "quarkus.redis.trueline-follow.hosts", server.uri(),
                "trueline.journal.redis.key-prefix", "bean-test");
    }

    @Override
    public void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
