package dev.trueline.journal.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.trueline.journal.AbortedRecord;
import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationLease;
import dev.trueline.journal.EndRecord;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.LeaseLostException;
import dev.trueline.journal.LeasePurpose;
import dev.trueline.journal.TerminalRecord;
import dev.trueline.journal.TurnRecord;
import dev.trueline.journal.UserRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

/**
 * The turn of a writer that died, healed by another replica: two or three {@link RedisJournal}s (processes) on one
 * real redis-server. The dead writer is one that stops renewing its lease without a word, as after kill -9 or a long
 * pause; it is kept, so that it can try to write again once it "comes back".
 */
class AbandonedTurnsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant TS = Instant.parse("2026-12-02T00:00:00Z");
    private static final ConversationId ID = ConversationId.of("c1");

    @RegisterExtension
    static final RedisFixture redis = RedisFixture.perClass();

    @Test
    void followersOnOtherReplicasEndWithTheServerStoppedEndTheyJournalOnceAndTheDeadWriterIsFenced() {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofMillis(600));
        RedisJournal writer = redis.journal(config, 8);
        RedisLease dead = writing(writer, 3);
        dead.stopRenewing(); // the writer dies mid-turn

        RedisJournal replicaB = redis.journal(config, 8);
        RedisJournal replicaC = redis.journal(config, 8);
        Uni<List<JournalRecord>> onB = replicaB.follow(ID, 1, -1).collect().asList();
        Uni<List<JournalRecord>> onC = replicaC.follow(ID, 1, -1).collect().asList();
        List<List<JournalRecord>> both = Uni.join().all(onB, onC).andFailFast().await().atMost(WAIT);
        for (List<JournalRecord> followed : both) {
            assertEquals(List.of(0, 1, 2, 3, TurnRecord.TERMINAL_POSITION),
                    followed.stream().map(r -> ((TurnRecord) r).position()).toList());
            AbortedRecord healed = assertInstanceOf(AbortedRecord.class, followed.get(4));
            assertEquals(AbortedRecord.SERVER_STOPPED, healed.reason());
            assertEquals(3, healed.journaled());
            assertEquals(3, healed.delivered(), "what the journal holds of a turn whose process died");
        }

        // the writer comes back from its pause: its epoch is fenced, nothing of it lands after the healed end
        assertThrows(LeaseLostException.class,
                () -> dead.append(new ChunkRecord(1, 4, "late")).await().atMost(WAIT));
        List<JournalRecord> records = replicaB.read(ID).await().atMost(WAIT).orElseThrow().records();
        assertEquals(1, records.stream().filter(r -> r instanceof TerminalRecord).count(), "I3: one end");
        assertInstanceOf(AbortedRecord.class, records.get(records.size() - 1));
        // and the conversation is free for the next turn
        replicaC.lease(ID, LeasePurpose.TURN).await().atMost(WAIT).release();
    }

    @Test
    void aNewTurnOnAnotherReplicaFirstJournalsTheDeadWritersEnd() {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofMillis(600));
        RedisJournal writer = redis.journal(config, 8);
        writing(writer, 2).stopRenewing();
        await().atMost(WAIT).until(() -> redis.plain().send(Request.cmd(Command.EXISTS)
                .arg(RedisKeys.of(config.keyPrefix(), ID).lease())).await().atMost(WAIT).toInteger() == 0);

        RedisJournal replicaB = redis.journal(config, 8);
        ConversationLease next = replicaB.lease(ID, LeasePurpose.TURN).await().atMost(WAIT);
        List<JournalRecord> records = replicaB.read(ID).await().atMost(WAIT).orElseThrow().records();
        AbortedRecord healed = assertInstanceOf(AbortedRecord.class, records.get(records.size() - 1),
                records.toString());
        assertEquals(new AbortedRecord(1, healed.ts(), 2, 2, AbortedRecord.SERVER_STOPPED), healed);
        next.runs(2);
        next.append(new UserRecord(2, TS, "next", "scripted", "m")).await().atMost(WAIT);
        next.release();
    }

    @Test
    void aFollowerOfAWriterThatIsSlowButAliveWaitsForItsOwnEnd() throws Exception {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofSeconds(10));
        RedisJournal writer = redis.journal(config, 8);
        RedisLease alive = writing(writer, 1);
        Uni<List<JournalRecord>> followed = redis.journal(config, 8).follow(ID, 1, -1).collect().asList();
        var pending = followed.subscribeAsCompletionStage();
        Thread.sleep(1000); // several blocking reads (200 ms each) time out meanwhile and look at the lease
        alive.append(new ChunkRecord(1, 2, "b")).await().atMost(WAIT);
        alive.append(new EndRecord(1, TS, 2, "stop", null)).await().atMost(WAIT);
        List<JournalRecord> records = pending.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertInstanceOf(EndRecord.class, records.get(records.size() - 1), records.toString());
        alive.release();
    }

    @Test
    void aFollowerNeverTakesTheLeaseFromWhoeverHoldsItNotEvenWhileTheTurnIsOpen() throws Exception {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofMillis(600));
        RedisJournal writer = redis.journal(config, 8);
        writing(writer, 1).stopRenewing();
        await().atMost(WAIT).until(() -> redis.plain().send(Request.cmd(Command.EXISTS)
                .arg(RedisKeys.of(config.keyPrefix(), ID).lease())).await().atMost(WAIT).toInteger() == 0);
        RedisJournal replicaB = redis.journal(config, 8);
        ConversationLease deletion = replicaB.lease(ID, LeasePurpose.DELETION).await().atMost(WAIT);

        // a follower on another replica finds turn 1 open and its writer gone, but the lease held (for a deletion)
        var followed = redis.journal(config, 8).follow(ID, 1, -1).collect().asList().subscribeAsCompletionStage();
        Thread.sleep(1000); // several blocking reads (200 ms each) time out meanwhile and look at the lease
        assertEquals(true, deletion.delete().await().atMost(WAIT), "the deletion's lease was still its own");
        deletion.release();
        List<JournalRecord> records = followed.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(List.of(0, 1), records.stream().map(r -> ((TurnRecord) r).position()).toList());
    }

    /** Turn 1 with {@code chunks} chunks journaled by {@code journal}, its lease still held. */
    private static RedisLease writing(RedisJournal journal, int chunks) {
        RedisLease lease = (RedisLease) journal.lease(ID, LeasePurpose.TURN).await().atMost(WAIT);
        lease.runs(1);
        lease.append(new UserRecord(1, TS, "prompt", "scripted", "m")).await().atMost(WAIT);
        for (int seq = 1; seq <= chunks; seq++) {
            lease.append(new ChunkRecord(1, seq, "c" + seq)).await().atMost(WAIT);
        }
        return lease;
    }
}
