package dev.trueline.journal.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.trueline.journal.AbortedRecord;
import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationLease;
import dev.trueline.journal.LeasePurpose;
import dev.trueline.journal.UserRecord;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Stop sent to one replica for a turn another replica runs, at the journal: two {@link RedisJournal}s (two
 * processes) on one real redis-server. The request is a key in Redis, recorded only for the lease that runs the
 * turn, with a pub/sub wake-up that the holder does not depend on: its lease renewal finds the key too.
 */
class CrossReplicaStopTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant TS = Instant.parse("2026-12-02T00:00:00Z");
    private static final ConversationId ID = ConversationId.of("c1");

    @RegisterExtension
    static final RedisFixture redis = RedisFixture.perClass();

    @Test
    void aStopAskedThroughAnotherReplicaWakesTheHolderBeforeItsNextRenewal() throws Exception {
        // renewals every 20 s: a stop handed on within 10 s came through the wake-up, not the renewal
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofSeconds(60));
        RedisJournal owner = redis.journal(config, 8);
        RedisJournal other = redis.journal(config, 8);
        CompletableFuture<Integer> stopped = new CompletableFuture<>();
        ConversationLease lease = running(owner, stopped);
        awaitSubscribers(config, 1);

        assertTrue(other.requestStop(ID, 1, 2).await().atMost(WAIT));
        assertEquals(2, stopped.get(10, TimeUnit.SECONDS), "the stopper's seen count, handed to the holder");
        lease.release();
    }

    @Test
    void aStopWhoseWakeUpWasLostIsFoundWithTheNextLeaseRenewal() throws Exception {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofMillis(1500));
        RedisJournal owner = redis.journal(config, 8);
        RedisJournal other = redis.journal(config, 8);
        CompletableFuture<Integer> stopped = new CompletableFuture<>();
        ConversationLease lease = running(owner, stopped);
        awaitSubscribers(config, 1);
        send(Request.cmd(Command.CLIENT).arg("KILL").arg("TYPE").arg("pubsub")); // the wake-up will be lost
        awaitSubscribers(config, 0);

        assertTrue(other.requestStop(ID, 1, 3).await().atMost(WAIT));
        assertEquals(3, stopped.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        lease.release();
    }

    @Test
    void aStopIsRecordedOnlyForTheLeaseThatRunsTheTurnAndOnlyOnce() throws Exception {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofSeconds(10));
        RedisJournal owner = redis.journal(config, 8);
        RedisJournal other = redis.journal(config, 8);
        assertFalse(other.requestStop(ID, 1, 0).await().atMost(WAIT), "nobody runs the turn");

        CompletableFuture<Integer> first = new CompletableFuture<>();
        ConversationLease lease = running(owner, first);
        assertFalse(other.requestStop(ID, 2, 0).await().atMost(WAIT), "the lease runs turn 1, not 2");
        assertTrue(other.requestStop(ID, 1, 5).await().atMost(WAIT));
        assertFalse(other.requestStop(ID, 1, 6).await().atMost(WAIT), "asked already");
        assertEquals(5, first.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        lease.append(new AbortedRecord(1, TS, 5, 0, AbortedRecord.USER_STOP)).await().atMost(WAIT);
        lease.release();
        await().atMost(WAIT).until(() -> send(Request.cmd(Command.EXISTS).arg(keys(config).lease()))
                .toInteger() == 0);

        // the next turn's lease is a new epoch: the old request, still in its key, is not its, and does not stand
        // in the way of its own
        ConversationLease next = owner.lease(ID, LeasePurpose.TURN).await().atMost(WAIT);
        CompletableFuture<Integer> second = new CompletableFuture<>();
        next.onStopRequest(second::complete);
        next.runs(2);
        next.append(new UserRecord(2, TS, "again", "scripted", "m")).await().atMost(WAIT);
        assertTrue(send(Request.cmd(Command.EXISTS).arg(keys(config).stop())).toInteger() == 1,
                "turn 1's request is still there");
        assertTrue(other.requestStop(ID, 2, 7).await().atMost(WAIT));
        assertEquals(7, second.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        next.release();
    }

    /** Turn 1 running on {@code journal}, whose stop requests complete {@code stopped}. */
    private static ConversationLease running(RedisJournal journal, CompletableFuture<Integer> stopped) {
        ConversationLease lease = journal.lease(ID, LeasePurpose.TURN).await().atMost(WAIT);
        lease.onStopRequest(stopped::complete);
        lease.runs(1);
        lease.append(new UserRecord(1, TS, "prompt", "scripted", "m")).await().atMost(WAIT);
        lease.append(new ChunkRecord(1, 1, "a")).await().atMost(WAIT);
        return lease;
    }

    private static void awaitSubscribers(TestRedisConfig config, int count) {
        String channel = RedisKeys.stopChannel(config.keyPrefix());
        await().atMost(WAIT).until(() -> {
            Response reply = send(Request.cmd(Command.PUBSUB).arg("NUMSUB").arg(channel));
            return (reply.isMap() ? reply.get(channel) : reply.get(1)).toInteger() == count; // RESP3 or RESP2
        });
    }

    private static RedisKeys keys(TestRedisConfig config) {
        return RedisKeys.of(config.keyPrefix(), ID);
    }

    private static Response send(Request request) {
        return redis.plain().send(request).await().atMost(WAIT);
    }
}
