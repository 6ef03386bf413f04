package dev.trueline.journal.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.trueline.journal.AbortedRecord;
import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationBusyException;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationLease;
import dev.trueline.journal.EndRecord;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.JournalUnavailableException;
import dev.trueline.journal.LeaseLostException;
import dev.trueline.journal.LeasePurpose;
import dev.trueline.journal.UserRecord;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * What only the Redis journal has, against a real redis-server: leases shared by several processes and fenced, the
 * key layout and stream ids, reads whose cost is the turn's, and Redis going away.
 */
class RedisJournalTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant TS = Instant.parse("2026-12-01T00:00:00Z");
    private static final ConversationId ID = ConversationId.of("c1");

    @RegisterExtension
    static final RedisFixture redis = RedisFixture.perClass();

    @Test
    void aLeaseHeldByOneProcessIsBusyForAnother() {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofSeconds(10));
        RedisJournal replicaA = redis.journal(config, 8);
        RedisJournal replicaB = redis.journal(config, 8);
        ConversationLease held = replicaA.lease(ID, LeasePurpose.TURN).await().atMost(WAIT);
        ConversationBusyException busy = assertThrows(ConversationBusyException.class,
                () -> replicaB.lease(ID, LeasePurpose.TURN).await().atMost(WAIT));
        assertEquals(LeasePurpose.TURN, busy.heldFor());
        assertThrows(ConversationBusyException.class,
                () -> replicaB.append(ID, user(1)).await().atMost(WAIT), "no append without the lease while held");
        held.release(); // sent in order with A's own calls; another process sees it once Redis has it
        awaitGone(RedisKeys.of(config.keyPrefix(), ID).lease());
        replicaB.lease(ID, LeasePurpose.TURN).await().atMost(WAIT).release();
    }

    @Test
    void aHolderWhoseLeaseExpiredCannotAppendAfterAnotherTookIt() throws Exception {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofMillis(600));
        RedisJournal replicaA = redis.journal(config, 8);
        RedisJournal replicaB = redis.journal(config, 8);
        RedisKeys keys = RedisKeys.of(config.keyPrefix(), ID);
        RedisLease paused = (RedisLease) replicaA.lease(ID, LeasePurpose.TURN).await().atMost(WAIT);
        paused.append(user(1)).await().atMost(WAIT);
        paused.append(new ChunkRecord(1, 1, "a")).await().atMost(WAIT);

        paused.stopRenewing(); // a GC pause or a partition: the holder neither renews nor knows it should
        awaitGone(keys.lease());
        ConversationLease successor = replicaB.lease(ID, LeasePurpose.TURN).await().atMost(WAIT);
        long entries = send(Request.cmd(Command.XLEN).arg(keys.log())).toLong();

        LeaseLostException refused = assertThrows(LeaseLostException.class,
                () -> paused.append(new ChunkRecord(1, 2, "from the past")).await().atMost(WAIT));
        assertTrue(refused.getMessage().contains("lost"), refused::getMessage);
        assertEquals(entries, send(Request.cmd(Command.XLEN).arg(keys.log())).toLong(), "nothing was written");
        paused.release(); // compare-and-delete: the successor's lease stays
        // the successor's lease journaled the dead writer's end first (AbandonedTurns): its own turn comes after it
        successor.append(user(2)).await().atMost(WAIT);
        successor.append(new ChunkRecord(2, 1, "b")).await().atMost(WAIT);
        successor.append(new EndRecord(2, TS, 1, "stop", null)).await().atMost(WAIT);
        assertThrows(ConversationBusyException.class, () -> replicaA.lease(ID, LeasePurpose.TURN).await()
                .atMost(WAIT));
        List<JournalRecord> records = replicaA.read(ID).await().atMost(WAIT).orElseThrow().records();
        assertEquals(List.of("a", "b"), records.stream()
                .filter(r -> r instanceof ChunkRecord).map(r -> ((ChunkRecord) r).text()).toList());
        assertEquals(AbortedRecord.SERVER_STOPPED, records.stream().filter(r -> r instanceof AbortedRecord)
                .map(r -> ((AbortedRecord) r).reason()).findFirst().orElseThrow());
        successor.release();
    }

    @Test
    void eachRecordIsOneStreamEntryWithTheIdOfItsPositionUnderKeysTaggedByConversation() {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofSeconds(10));
        RedisJournal journal = redis.journal(config, 8);
        journal.append(ID, user(1)).await().atMost(WAIT);
        journal.append(ID, new ChunkRecord(1, 1, "a")).await().atMost(WAIT);
        journal.append(ID, new EndRecord(1, TS, 1, "stop", null)).await().atMost(WAIT);
        String log = config.keyPrefix() + ":{c1}:log";
        List<String> ids = StreamEntries.ofRange(send(Request.cmd(Command.XRANGE).arg(log).arg("-").arg("+")))
                .stream().map(e -> RedisKeys.entryId(e.n())).toList();
        assertEquals(List.of("0-1", "0-2", "0-3", "0-4"), ids, "the header, then one entry per record, dense");
        // the conversation's keys share the hash tag {c1}: one Cluster slot, so one script may touch them all
        assertEquals("stream", send(Request.cmd(Command.TYPE).arg(log)).toString());
        assertEquals("hash", send(Request.cmd(Command.TYPE).arg(config.keyPrefix() + ":{c1}:state")).toString());
        assertEquals("4", send(Request.cmd(Command.HGET).arg(config.keyPrefix() + ":{c1}:state").arg("n"))
                .toString());
        assertTrue(send(Request.cmd(Command.ZSCORE).arg(config.keyPrefix() + ":conversations").arg("c1")) != null,
                "listed in the index");
    }

    @Test
    void readingTheLastTurnCostsItsOwnSizeNotTheConversations() {
        RedisJournal journal = redis.journal(TestRedisConfig.fresh(Duration.ofSeconds(10)), 8);
        journal.append(ID, user(1)).await().atMost(WAIT);
        for (int seq = 1; seq <= 3000; seq++) {
            journal.append(ID, new ChunkRecord(1, seq, "x")).await().atMost(WAIT);
        }
        journal.append(ID, new EndRecord(1, TS, 3000, "stop", null)).await().atMost(WAIT);
        journal.append(ID, user(2)).await().atMost(WAIT);
        journal.append(ID, new ChunkRecord(2, 1, "y")).await().atMost(WAIT);
        journal.append(ID, new EndRecord(2, TS, 1, "stop", null)).await().atMost(WAIT);

        send(Request.cmd(Command.CONFIG).arg("RESETSTAT"));
        assertEquals(3, journal.readTurn(ID, 2, -1, 100).await().atMost(WAIT).records().size());
        assertEquals(3, journal.follow(ID, 2, -1).collect().asList().await().atMost(WAIT).size());
        assertEquals(2, xrangeCalls(), "one page for the read, one for the follow: turn 1 was never read");
    }

    @Test
    void aRedisThatCannotBeReachedIsJournalUnavailable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        RedisJournal journal = redis.journal(TestRedisConfig.fresh(Duration.ofSeconds(10)), 8,
                "redis://127.0.0.1:" + closed);
        assertThrows(JournalUnavailableException.class, () -> journal.append(ID, user(1)).await().atMost(WAIT));
        assertThrows(JournalUnavailableException.class,
                () -> journal.lease(ID, LeasePurpose.TURN).await().atMost(WAIT));
        assertThrows(JournalUnavailableException.class, () -> journal.read(ID).await().atMost(WAIT));
        assertThrows(JournalUnavailableException.class, () -> journal.list().await().atMost(WAIT));
        assertThrows(JournalUnavailableException.class,
                () -> journal.follow(ID, 1, -1).collect().asList().await().atMost(WAIT));
    }

    private static long xrangeCalls() {
        Matcher calls = Pattern.compile("cmdstat_xrange:calls=(\\d+)")
                .matcher(send(Request.cmd(Command.INFO).arg("commandstats")).toString());
        return calls.find() ? Long.parseLong(calls.group(1)) : 0;
    }

    private static void awaitGone(String key) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (send(Request.cmd(Command.EXISTS).arg(key)).toInteger() == 1) {
            assertTrue(System.nanoTime() < deadline, key + " never expired");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static Response send(Request request) {
        return redis.plain().send(request).await().atMost(WAIT);
    }

    private static UserRecord user(int turn) {
        return new UserRecord(turn, TS, "prompt " + turn, "scripted", "m");
    }
}
