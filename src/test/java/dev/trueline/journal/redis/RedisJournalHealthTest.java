package dev.trueline.journal.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.trueline.journal.JournalStatus;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

/**
 * The Redis journal's health against a real redis-server: one that answers slowly still takes writes and is UP (a
 * PING queued behind a busy pool must not refuse turns), one that answers nothing (stopped with SIGSTOP) is DOWN
 * once the PING's time is out.
 */
class RedisJournalHealthTest {

    @RegisterExtension
    static final RedisFixture redis = RedisFixture.perClass();

    @Test
    void aRedisThatAnswersSlowlyIsUp() {
        RedisJournalHealth health = new RedisJournalHealth(redis.journal(TestRedisConfig.fresh(Duration.ofSeconds(10)),
                8));
        // every client's commands wait 1.5 s, as a PING behind a saturated pool and core did in S1 (docs/redis.md)
        redis.plain().send(Request.cmd(Command.CLIENT).arg("PAUSE").arg(1500).arg("ALL")).await()
                .atMost(Duration.ofSeconds(5));
        long start = System.nanoTime();
        JournalStatus status = health.status();
        long waited = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waited >= 1000, "the PING was answered only after the pause: " + waited + " ms");
        assertTrue(status.up(), "a slow answer is an answer: " + status.problem());
    }

    @Test
    void aRedisThatAnswersNothingIsDown() throws Exception {
        RedisJournalHealth health = new RedisJournalHealth(redis.journal(TestRedisConfig.fresh(Duration.ofSeconds(10)),
                8));
        redis.server.pause(); // SIGSTOP: the connection stays open, nothing answers
        try {
            JournalStatus status = health.status();
            assertFalse(status.up(), "a stopped Redis is down");
            assertTrue(status.problem().contains("PING"), status.problem());
        } finally {
            redis.server.resume();
        }
    }
}
