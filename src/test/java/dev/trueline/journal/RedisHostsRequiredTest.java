package dev.trueline.journal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** {@code trueline.journal.backend=redis} refuses to start without both Redis clients' hosts, naming what is missing. */
class RedisHostsRequiredTest {

    private static final String URI = "redis://127.0.0.1:6379";

    @Test
    void withoutTheWritersHostsStartupFailsNamingTheKey() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> JournalProducer.requireRedisHosts(config(Map.of("quarkus.redis.trueline-follow.hosts", URI))));
        assertTrue(refused.getMessage().contains("quarkus.redis.hosts is not set"), refused.getMessage());
        assertTrue(refused.getMessage().contains("QUARKUS_REDIS_HOSTS"), refused.getMessage());
    }

    @Test
    void withoutEitherHostsStartupFailsNamingBoth() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> JournalProducer.requireRedisHosts(config(Map.of())));
        assertTrue(refused.getMessage().contains("quarkus.redis.hosts and quarkus.redis.trueline-follow.hosts are not"),
                refused.getMessage());
    }

    @Test
    void withBothHostsItStarts() {
        assertDoesNotThrow(() -> JournalProducer.requireRedisHosts(config(Map.of("quarkus.redis.hosts", URI,
                "quarkus.redis.trueline-follow.hosts", URI))));
    }

    private static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }
}
