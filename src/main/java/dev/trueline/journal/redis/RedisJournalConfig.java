package dev.trueline.journal.redis;

import java.time.Duration;
import java.util.Optional;

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

    /**
     * Replicas that must have received a record before its append completes, and so before a chunk is sent (I1):
     * after the append script, {@code WAIT <wait-replicas> <wait-timeout>} on the same connection. 0 (the default):
     * no {@code WAIT}, an append completes once the primary ran the script. When fewer replicas confirm within
     * {@link #waitTimeout()} the append fails as the journal being unavailable and its chunk is never sent, although
     * the record may already be in the primary (and reach the replicas later). Followers with this set read only
     * records that were confirmed. Every process on one Redis must use the same value.
     */
    @WithDefault("0")
    int waitReplicas();

    /** With {@link #waitReplicas()}, how long an append waits for the replicas to confirm before it fails. */
    @WithDefault("1s")
    Duration waitTimeout();

    /**
     * Retention: how long a conversation is kept after its last activity (its last record written, or its lease
     * renewed while a turn runs), after which Redis expires its keys and it is no longer listed. Unset (the default):
     * nothing is ever trimmed, the journal is the record of truth. Must be longer than {@link #leaseTime()}, so that
     * a running turn's renewals keep its conversation alive however long the model is silent.
     */
    Optional<Duration> ttl();
}
