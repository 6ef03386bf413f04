package dev.trueline.journal.redis;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link RedisJournalConfig} for journals built by hand: each one under a key prefix of its own. */
record TestRedisConfig(String keyPrefix, Duration leaseTime, Duration followBlock, int waitReplicas,
        Duration waitTimeout, Optional<Duration> ttl) implements RedisJournalConfig {

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    /** A fresh prefix, a lease of {@code leaseTime}, blocking reads of 200 ms, no waiting for replicas. */
    static TestRedisConfig fresh(Duration leaseTime) {
        return new TestRedisConfig("test" + PREFIXES.incrementAndGet(), leaseTime, Duration.ofMillis(200), 0,
                Duration.ofSeconds(1), Optional.empty());
    }

    /** This configuration with appends waiting for {@code replicas} replicas, at most {@code timeout}. */
    TestRedisConfig waitingFor(int replicas, Duration timeout) {
        return new TestRedisConfig(keyPrefix, leaseTime, followBlock, replicas, timeout, ttl);
    }

    /** This configuration with conversations expiring {@code ttl} after their last activity. */
    TestRedisConfig expiringAfter(Duration ttl) {
        return new TestRedisConfig(keyPrefix, leaseTime, followBlock, waitReplicas, waitTimeout, Optional.of(ttl));
    }
}
