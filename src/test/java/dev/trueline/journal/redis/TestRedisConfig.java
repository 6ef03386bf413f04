package dev.trueline.journal.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link RedisJournalConfig} for journals built by hand: each one under a key prefix of its own. */
record TestRedisConfig(String keyPrefix, Duration leaseTime, Duration followBlock) implements RedisJournalConfig {

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    /** A fresh prefix, a lease of {@code leaseTime}, blocking reads of 200 ms. */
    static TestRedisConfig fresh(Duration leaseTime) {
        return new TestRedisConfig("test" + PREFIXES.incrementAndGet(), leaseTime, Duration.ofMillis(200));
    }
}
