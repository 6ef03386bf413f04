package dev.trueline.journal.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationLease;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.JournalUnavailableException;
import dev.trueline.journal.LeasePurpose;
import dev.trueline.journal.UserRecord;
import dev.trueline.testing.RedisServer;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * {@code trueline.journal.redis.wait-replicas} against a real primary and a real replica ({@code --replicaof}): an
 * append completes only once the replica has the record, and with the replica stopped (SIGSTOP) an append fails
 * while no follower, following already or starting after, ever hands on its record.
 */
class RedisWaitReplicasTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ConversationId ID = ConversationId.of("w1");

    private RedisFixture redis;
    private RedisServer replica;
    private Redis onReplica;
    private Redis onPrimary;
    private TestRedisConfig config;

    @BeforeEach
    void startPrimaryAndReplica() throws Exception {
        redis = new RedisFixture();
        replica = redis.server.startReplica();
        onReplica = redis.client(replica);
        onPrimary = redis.client();
        config = TestRedisConfig.fresh(Duration.ofSeconds(10)).waitingFor(1, Duration.ofMillis(300));
    }

    @AfterEach
    void stop() throws Exception {
        replica.close(); // first: a primary waits for a lagging replica when it shuts down (shutdown-timeout)
        redis.close();
    }

    @Test
    void anAppendCompletesOnlyOnceTheReplicaHasIt() {
        RedisJournal journal = redis.journal(config, 8);
        ConversationLease lease = journal.lease(ID, LeasePurpose.TURN).await().atMost(WAIT);
        lease.append(user()).await().atMost(WAIT);
        for (int seq = 1; seq <= 3; seq++) {
            lease.append(new ChunkRecord(1, seq, "c" + seq)).await().atMost(WAIT);
            // header, prompt, then the chunks: entry seq + 2 is on the replica the moment the append completed
            assertEquals(seq + 2, entries(onReplica), "the replica has chunk " + seq + " once its append completed");
        }
        lease.release();
    }

    @Test
    void withTheReplicaStoppedAnAppendFailsAndNoFollowerHandsItOn() throws Exception {
        RedisJournal journal = redis.journal(config, 8);
        ConversationLease lease = journal.lease(ID, LeasePurpose.TURN).await().atMost(WAIT);
        lease.append(user()).await().atMost(WAIT);
        lease.append(new ChunkRecord(1, 1, "one")).await().atMost(WAIT);
        lease.append(new ChunkRecord(1, 2, "two")).await().atMost(WAIT);
        AssertSubscriber<JournalRecord> follower = journal.follow(ID, 1, 0)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        follower.awaitItems(2, WAIT);

        replica.pause();
        JournalUnavailableException unconfirmed = assertThrows(JournalUnavailableException.class,
                () -> lease.append(new ChunkRecord(1, 3, "three")).await().atMost(WAIT));
        assertTrue(unconfirmed.getMessage().contains("0 of 1 replicas"), unconfirmed.getMessage());
        assertEquals(5, entries(onPrimary), "the primary holds chunk 3 all the same, as documented");

        // a follower of a turn written here follows its live tail, which the failed append fails (as on the file
        // journal): it ends with what was confirmed and the journal's failure
        follower.awaitFailure(WAIT);
        assertTrue(follower.getFailure() instanceof JournalUnavailableException, follower.getFailure().toString());
        assertEquals(List.of(1, 2), follower.getItems().stream().map(r -> ((ChunkRecord) r).seq()).toList(),
                "no follower hands on a chunk the replica was not confirmed to have");

        // nor does one that starts after the failure (a client resuming), whose first page reads the stream
        AssertSubscriber<JournalRecord> late = journal.follow(ID, 1, 0)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        late.awaitItems(2, WAIT);
        Thread.sleep(500); // time enough to read one page past them, were it not cut where confirmation stops
        assertEquals(List.of(1, 2), late.getItems().stream().map(r -> ((ChunkRecord) r).seq()).toList(),
                "a follower starting after the failure does not hand on the unconfirmed chunk either");
        late.cancel();
        lease.release();
    }

    private long entries(Redis client) {
        return client.send(Request.cmd(Command.XLEN).arg(RedisKeys.of(config.keyPrefix(), ID).log()))
                .await().atMost(WAIT).toLong();
    }

    private static UserRecord user() {
        return new UserRecord(1, Instant.parse("2026-12-01T00:00:00Z"), "prompt", "scripted", "m");
    }
}
