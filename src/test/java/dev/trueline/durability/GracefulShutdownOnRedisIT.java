package dev.trueline.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.trueline.testing.AppProcess;
import dev.trueline.testing.RedisServer;

/**
 * {@link GracefulShutdownIT} on the Redis journal, with a real redis-server: the running turns' ends reach Redis
 * before the process exits. The journal is read afterwards with the packaged app's own {@code journal-export}, in the
 * file format the checks read.
 */
class GracefulShutdownOnRedisIT extends GracefulShutdownIT {

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @Override
    protected Map<String, String> backend() {
        return Map.of("trueline.journal.backend", "redis", "quarkus.redis.hosts", redis.uri(),
                "quarkus.redis.trueline-follow.hosts", redis.uri());
    }

    @Override
    protected Path journalAfterExit(Path dir) throws Exception {
        Path exported = Files.createTempDirectory("trueline-sigterm-export-");
        AppProcess.CommandResult export = AppProcess.command(backend(), "journal-export", exported.toString());
        assertEquals(0, export.status(), export.output());
        return exported;
    }
}
