package dev.trueline.journal.redis;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.trueline.journal.Journal;
import dev.trueline.testing.RedisServer;

/**
 * The journal contract on the Redis journal with {@code wait-replicas=1}, against a real primary and a real replica
 * of it: every append waits for the replica ({@code WAIT}) and followers read only confirmed records, and the journal
 * still keeps every promise of the contract.
 */
class RedisReplicatedJournalContractTest extends RedisJournalContractTest {

    private static RedisServer replica;

    @BeforeAll
    static void startReplica() throws Exception {
        replica = redis.server.startReplica(); // after the primary: JUnit runs the superclass's @BeforeAll first
    }

    @AfterAll
    static void stopReplica() throws Exception {
        replica.close(); // before the primary (the superclass's @AfterAll runs after this one)
    }

    @Override
    protected Journal open() {
        return redis.journal(TestRedisConfig.fresh(Duration.ofSeconds(1)).waitingFor(1, Duration.ofSeconds(5)),
                FOLLOWER_PAGE);
    }
}
