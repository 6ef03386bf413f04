package dev.trueline.journal.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationLease;
import dev.trueline.journal.EndRecord;
import dev.trueline.journal.LeaseLostException;
import dev.trueline.journal.LeasePurpose;
import dev.trueline.journal.UserRecord;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Retention ({@code trueline.journal.redis.ttl}) against a real redis-server with a short TTL: nothing expires by
 * default; an inactive conversation expires whole and leaves the list; each append refreshes the expiry; a running
 * turn's renewals keep its conversation alive; epochs never repeat after the epoch key expired.
 */
class RedisRetentionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration TTL = Duration.ofMillis(1500);
    private static final Instant TS = Instant.parse("2026-12-01T00:00:00Z");
    private static final ConversationId ID = ConversationId.of("r1");

    @RegisterExtension
    static final RedisFixture redis = RedisFixture.perClass();

    @Test
    void nothingExpiresByDefault() {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofSeconds(1));
        writeATurn(redis.journal(config, 8));
        RedisKeys keys = RedisKeys.of(config.keyPrefix(), ID);
        for (String key : List.of(keys.log(), keys.state(), keys.epoch())) {
            assertEquals(-1, pttl(key), key + " has no expiry");
        }
    }

    @Test
    void anInactiveConversationExpiresWholeAndIsNoLongerListed() {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofSeconds(1)).expiringAfter(TTL);
        RedisJournal journal = redis.journal(config, 8);
        writeATurn(journal);
        RedisKeys keys = RedisKeys.of(config.keyPrefix(), ID);
        for (String key : List.of(keys.log(), keys.state(), keys.epoch())) {
            long left = pttl(key);
            assertTrue(left > 0 && left <= TTL.toMillis(), key + " expires within the TTL: " + left);
        }
        assertEquals(List.of(ID), journal.list().await().atMost(WAIT));

        awaitGone(keys.log(), keys.state(), keys.epoch());
        assertEquals(List.of(), journal.list().await().atMost(WAIT), "an expired conversation is not listed");
        assertEquals(0, send(Request.cmd(Command.ZCARD).arg(RedisKeys.index(config.keyPrefix()))).toInteger(),
                "and was pruned from the index");
        assertEquals(Optional.empty(), journal.readRaw(ID).await().atMost(WAIT));
    }

    @Test
    void eachAppendRefreshesTheConversationsExpiry() {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofSeconds(1)).expiringAfter(Duration.ofMinutes(10));
        RedisJournal journal = redis.journal(config, 8);
        journal.append(ID, user()).await().atMost(WAIT);
        RedisKeys keys = RedisKeys.of(config.keyPrefix(), ID);
        for (String key : List.of(keys.log(), keys.state())) {
            send(Request.cmd(Command.PEXPIRE).arg(key).arg(5000));
        }
        journal.append(ID, new ChunkRecord(1, 1, "more")).await().atMost(WAIT);
        for (String key : List.of(keys.log(), keys.state())) {
            assertTrue(pttl(key) > 5000, key + " expiry was refreshed by the append: " + pttl(key));
        }
    }

    @Test
    void aRunningTurnsConversationOutlivesTheTtlWhileItsLeaseIsRenewed() throws Exception {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofMillis(600)).expiringAfter(TTL);
        RedisJournal journal = redis.journal(config, 8);
        ConversationLease lease = journal.lease(ID, LeasePurpose.TURN).await().atMost(WAIT);
        lease.append(user()).await().atMost(WAIT);
        RedisKeys keys = RedisKeys.of(config.keyPrefix(), ID);

        Thread.sleep(TTL.toMillis() * 3); // a model silent for three TTLs: nothing appended, the lease renewed

        assertEquals(1, send(Request.cmd(Command.EXISTS).arg(keys.log())).toInteger(), "the running turn's log");
        assertEquals(List.of(ID), journal.list().await().atMost(WAIT), "still listed");
        lease.append(new ChunkRecord(1, 1, "at last")).await().atMost(WAIT);
        lease.release();
    }

    @Test
    void epochsNeverRepeatOnceTheEpochKeyExpired() {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofMillis(600)).expiringAfter(TTL);
        RedisJournal journal = redis.journal(config, 8);
        RedisLease first = (RedisLease) journal.lease(ID, LeasePurpose.TURN).await().atMost(WAIT);
        first.append(user()).await().atMost(WAIT);
        first.stopRenewing(); // paused: its lease expires, then the whole conversation
        RedisKeys keys = RedisKeys.of(config.keyPrefix(), ID);
        awaitGone(keys.lease(), keys.log(), keys.state(), keys.epoch());

        RedisLease second = (RedisLease) journal.lease(ID, LeasePurpose.TURN).await().atMost(WAIT);
        assertTrue(second.epoch() > first.epoch(), second.epoch() + " after " + first.epoch());
        assertThrows(LeaseLostException.class, () -> journal.append(ID, user(), first.epoch()).await().atMost(WAIT),
                "the paused holder cannot write into the conversation started anew");
        second.release();
    }

    /** A whole turn through a lease (so the conversation has all its keys), the lease given back. */
    private static void writeATurn(RedisJournal journal) {
        ConversationLease lease = journal.lease(ID, LeasePurpose.TURN).await().atMost(WAIT);
        lease.append(user()).await().atMost(WAIT);
        lease.append(new ChunkRecord(1, 1, "one")).await().atMost(WAIT);
        lease.append(new EndRecord(1, TS, 1, "stop", null)).await().atMost(WAIT);
        lease.release();
    }

    private static UserRecord user() {
        return new UserRecord(1, TS, "prompt", "scripted", "m");
    }

    private static long pttl(String key) {
        return send(Request.cmd(Command.PTTL).arg(key)).toLong();
    }

    private static void awaitGone(String... keys) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (String key : keys) {
            while (send(Request.cmd(Command.EXISTS).arg(key)).toInteger() == 1) {
                assertFalse(System.nanoTime() > deadline, key + " never expired");
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    private static Response send(Request request) {
        return redis.plain().send(request).await().atMost(WAIT);
    }
}
