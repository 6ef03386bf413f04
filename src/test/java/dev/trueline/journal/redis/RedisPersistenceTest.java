package dev.trueline.journal.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationLease;
import dev.trueline.journal.EndRecord;
import dev.trueline.journal.LeasePurpose;
import dev.trueline.journal.UserRecord;

/**
 * What the Redis journal keeps when redis-server itself is killed ({@code kill -9}) and started again on the same
 * directory, per persistence setting: the rows of the Durability table in docs/redis.md that a test can inflict.
 */
class RedisPersistenceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ConversationId ID = ConversationId.of("p1");

    @ParameterizedTest
    @ValueSource(strings = { "always", "everysec" })
    void everyAcknowledgedAppendSurvivesAKilledServerWithAnAppendOnlyFile(String fsync) throws Exception {
        try (RedisFixture redis = new RedisFixture(List.of("--save", "", "--appendonly", "yes", "--appendfsync",
                fsync))) {
            TestRedisConfig config = TestRedisConfig.fresh(Duration.ofSeconds(10));
            byte[] acknowledged = writeATurn(redis.journal(config, 8));

            redis.crashAndRestart();

            Optional<byte[]> after = redis.journal(config, 8).readRaw(ID).await().atMost(WAIT);
            assertArrayEquals(acknowledged, after.orElseThrow(), "every acknowledged record, byte for byte");
        }
    }

    @Test
    void withoutPersistenceAKilledServerForgetsEverything() throws Exception {
        try (RedisFixture redis = new RedisFixture(List.of("--save", "", "--appendonly", "no"))) {
            TestRedisConfig config = TestRedisConfig.fresh(Duration.ofSeconds(10));
            writeATurn(redis.journal(config, 8));

            redis.crashAndRestart();

            assertEquals(Optional.empty(), redis.journal(config, 8).readRaw(ID).await().atMost(WAIT));
        }
    }

    /** A whole turn of 50 chunks, each append acknowledged; the raw journal as it was read back. */
    private static byte[] writeATurn(RedisJournal journal) {
        ConversationLease lease = journal.lease(ID, LeasePurpose.TURN).await().atMost(WAIT);
        lease.append(new UserRecord(1, Instant.parse("2026-12-01T00:00:00Z"), "prompt", "scripted", "m"))
                .await().atMost(WAIT);
        for (int seq = 1; seq <= 50; seq++) {
            lease.append(new ChunkRecord(1, seq, "chunk " + seq)).await().atMost(WAIT);
        }
        lease.append(new EndRecord(1, Instant.parse("2026-12-01T00:00:02Z"), 50, "stop", null)).await().atMost(WAIT);
        lease.release();
        return journal.readRaw(ID).await().atMost(WAIT).orElseThrow();
    }
}
