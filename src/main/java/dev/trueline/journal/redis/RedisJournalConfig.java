package dev.trueline.journal.redis;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Redis journal's own settings: {@code trueline.journal.redis.*}. The connection itself is configured with the
 * Redis client's keys ({@code quarkus.redis.hosts} and friends, see docs/redis.md).
 */
@ConfigMapping(prefix = "trueline.journal.redis")
public interface RedisJournalConfig {

    /**
     * First part of every key the journal writes: {@code <prefix>:{<conversation>}:log} and the like, and
     * {@code <prefix>:conversations}. Lets several deployments share one Redis.
     */
    @WithDefault("trueline")
    String keyPrefix();

    /**
     * How long a conversation's lease lives without being renewed. The holder renews it every third of this; a holder
     * that stops (it died, or paused longer than this) loses it, and its appends are refused from then on. A follower
     * of a turn whose writer died ends at most about this long plus {@link #followBlock()} after the writer stopped.
     */
    @WithDefault("10s")
    Duration leaseTime();

    /**
     * Longest one blocking read ({@code XREAD BLOCK}) lasts, of the one a process holds per conversation whose turn
     * another process writes, and longest a follower waits on it for a new record before it checks whether the
     * turn's writer still holds its lease.
     */
    @WithDefault("1s")
    Duration followBlock();
}
