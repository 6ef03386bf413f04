package dev.trueline.journal.redis;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks of {@code trueline.journal.redis.*} that no single key can make alone: made when the application builds
 * its journal at startup ({@code JournalProducer}), so a deployment that could never keep its promise refuses to
 * start instead of failing its first turn, and by every {@link RedisJournal} built by hand.
 */
public final class RedisSettings {

    private RedisSettings() {
    }

    /** Throws {@link IllegalArgumentException} naming every setting that is wrong, and why. */
    public static void check(RedisJournalConfig config) {
        List<String> wrong = new ArrayList<>();
        if (config.waitReplicas() < 0) {
            wrong.add("trueline.journal.redis.wait-replicas must be 0 or more, is " + config.waitReplicas());
        }
        if (config.waitReplicas() > 0 && config.waitTimeout().toMillis() < 1) {
            wrong.add("trueline.journal.redis.wait-timeout must be at least 1ms with wait-replicas (WAIT with 0 "
                    + "blocks for ever), is " + config.waitTimeout());
        }
        config.ttl().filter(ttl -> ttl.compareTo(config.leaseTime()) <= 0).ifPresent(ttl -> wrong.add(
                "trueline.journal.redis.ttl (" + ttl + ") must be longer than trueline.journal.redis.lease-time ("
                        + config.leaseTime() + "): a running turn keeps its conversation alive only as often as it "
                        + "renews its lease"));
        if (!wrong.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", wrong));
        }
    }
}
