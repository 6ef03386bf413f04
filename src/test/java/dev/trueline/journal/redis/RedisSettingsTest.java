package dev.trueline.journal.redis;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The Redis journal's settings that cannot work are refused, each saying why; the defaults pass. */
class RedisSettingsTest {

    private static final TestRedisConfig TEN_SECOND_LEASE = TestRedisConfig.fresh(Duration.ofSeconds(10));

    @Test
    void theDefaultsAndSensibleSettingsPass() {
        assertDoesNotThrow(() -> RedisSettings.check(TEN_SECOND_LEASE));
        assertDoesNotThrow(() -> RedisSettings.check(TEN_SECOND_LEASE.waitingFor(1, Duration.ofMillis(500))
                .expiringAfter(Duration.ofDays(30))));
    }

    @Test
    void aTtlNoLongerThanTheLeaseTimeIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RedisSettings.check(TEN_SECOND_LEASE.expiringAfter(Duration.ofSeconds(10))));
        assertTrue(refused.getMessage().contains("trueline.journal.redis.ttl (PT10S) must be longer than "
                + "trueline.journal.redis.lease-time (PT10S)"), refused.getMessage());
    }

    @Test
    void waitingForReplicasWithoutATimeoutIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RedisSettings.check(TEN_SECOND_LEASE.waitingFor(1, Duration.ZERO)));
        assertTrue(refused.getMessage().contains("wait-timeout must be at least 1ms"), refused.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RedisSettings.check(TEN_SECOND_LEASE.waitingFor(-1, Duration.ofSeconds(1))));
    }
}
