package dev.trueline.journal.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import dev.trueline.testing.RedisServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real redis-server for a {@code @QuarkusTest}, with the application's two Redis clients pointed at it: the default
 * one (writers) and {@code trueline-follow} (followers' blocking reads). A test field of type {@link RedisServer}
 * marked {@link Server} gets the server, so a test can stop it by its PID and watch the application lose its Redis.
 */
public class RedisServerResource implements QuarkusTestResourceLifecycleManager {

    /** Marks the test's {@link RedisServer} field this resource fills in. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

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
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Server.class, RedisServer.class));
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
