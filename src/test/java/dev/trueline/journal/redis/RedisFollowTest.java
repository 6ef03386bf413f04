package dev.trueline.journal.redis;

import static dev.trueline.testing.TurnPositions.positions;
import static dev.trueline.testing.TurnPositions.positionsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.trueline.journal.AbortedRecord;
import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationLease;
import dev.trueline.journal.EndRecord;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.LeasePurpose;
import dev.trueline.journal.UserRecord;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * The two follow paths of the Redis journal against a real redis-server. A turn written by this process is followed
 * from its live tail, joined at the exact end of a ranged read; a turn written by another process (another
 * {@link RedisJournal} on the same server, as another replica is) is followed from the stream, with one blocking
 * reader per conversation in the following process however many followers it has.
 */
class RedisFollowTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant TS = Instant.parse("2026-12-02T00:00:00Z");
    private static final ConversationId ID = ConversationId.of("c1");

    @RegisterExtension
    static final RedisFixture redis = RedisFixture.perClass();

    @Test
    void aFollowerInAnotherProcessGetsEveryChunkOfATurnWrittenHere() {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofSeconds(10));
        RedisJournal writer = redis.journal(config, 8);
        RedisJournal other = redis.journal(config, 8);
        ConversationLease lease = turn(writer, 3);
        AssertSubscriber<JournalRecord> follower = other.follow(ID, 1, -1).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        awaitTrue(() -> follower.getItems().size() == 4, () -> "the prompt and 3 chunks, got " + follower.getItems());
        for (int seq = 4; seq <= 40; seq++) { // one at a time: each one wakes the follower's wait
            lease.append(new ChunkRecord(1, seq, "c" + seq)).await().atMost(WAIT);
        }
        lease.append(new EndRecord(1, TS, 40, "stop", null)).await().atMost(WAIT);
        follower.awaitCompletion(WAIT);
        assertEquals(positions(0, 40), positionsOf(follower.getItems()));
        lease.release();
    }

    @Test
    void followersOfOneConversationInOneProcessShareOneBlockingRead() {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofSeconds(10));
        RedisJournal writer = redis.journal(config, 8);
        RedisJournal other = redis.journal(config, 8);
        ConversationLease lease = turn(writer, 1);
        awaitTrue(() -> blockedClients() == 0, () -> "blocked reads left by an earlier test: " + blockedClients());

        List<AssertSubscriber<JournalRecord>> followers = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // more than the followers' pool (16): one read each could not even all wait
            followers.add(other.follow(ID, 1, i % 2 == 0 ? -1 : 0).subscribe()
                    .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE)));
        }
        awaitTrue(() -> followers.stream().allMatch(f -> positionsOf(f.getItems()).contains(1)),
                () -> "every follower read chunk 1");
        awaitTrue(() -> blockedClients() == 1, () -> "blocked reads: " + blockedClients());
        for (int look = 0; look < 10; look++) { // over several blocking reads (200 ms each): never more than one
            assertTrue(blockedClients() <= 1, () -> "blocked reads with 40 followers: " + blockedClients());
            assertTrue(blockedInXread() <= 1, () -> "connections blocked in XREAD: " + blockedInXread());
            sleep(50);
        }

        for (int seq = 2; seq <= 30; seq++) {
            lease.append(new ChunkRecord(1, seq, "c" + seq)).await().atMost(WAIT);
        }
        lease.append(new EndRecord(1, TS, 30, "stop", null)).await().atMost(WAIT);
        for (int i = 0; i < followers.size(); i++) {
            followers.get(i).awaitCompletion(WAIT);
            assertEquals(positions(i % 2 == 0 ? 0 : 1, 30), positionsOf(followers.get(i).getItems()));
        }
        awaitTrue(() -> blockedClients() == 0, () -> "nobody follows: the reader stops, " + blockedClients());
        lease.release();
    }

    @Test
    void followersJoiningATurnWrittenHereMidwayGetEveryChunkOnceFromItsLiveTail() {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofSeconds(10));
        RedisJournal journal = redis.journal(config, 8);
        ConversationLease lease = turn(journal, 0);
        int last = 400;
        List<Uni<Void>> appends = new ArrayList<>();
        List<AssertSubscriber<JournalRecord>> followers = new ArrayList<>();
        List<Integer> froms = new ArrayList<>();
        for (int seq = 1; seq <= last; seq++) { // pipelined, as a running turn writes; followers join in between
            appends.add(lease.append(new ChunkRecord(1, seq, "c" + seq)).memoize().indefinitely());
            appends.get(seq - 1).subscribe().with(x -> {
            });
            if (seq % 20 == 0) {
                int from = seq % 40 == 0 ? -1 : seq - 15;
                froms.add(from);
                followers.add(journal.follow(ID, 1, from).subscribe()
                        .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE)));
            }
        }
        appends.forEach(u -> u.await().atMost(WAIT));
        awaitTrue(() -> followers.stream().allMatch(f -> positionsOf(f.getItems()).contains(last)),
                () -> "every follower caught up");
        send(Request.cmd(Command.CONFIG).arg("RESETSTAT"));
        for (int seq = last + 1; seq <= last + 20; seq++) { // one at a time, as a paced model writes
            lease.append(new ChunkRecord(1, seq, "c" + seq)).await().atMost(WAIT);
        }
        lease.append(new EndRecord(1, TS, last + 20, "stop", null)).await().atMost(WAIT);
        for (int i = 0; i < followers.size(); i++) {
            followers.get(i).awaitCompletion(WAIT);
            assertEquals(positions(froms.get(i) + 1, last + 20), positionsOf(followers.get(i).getItems()),
                    "follower from " + froms.get(i));
        }
        assertEquals(0, commandCalls("xrange") + commandCalls("xread"),
                "once joined, a follower of a turn written here never reads Redis: it is handed each record live");
        assertEquals(0, journal.liveTails(), "the tail is dropped with the terminal record");
        lease.release();
    }

    @Test
    void aFollowerOfATurnWhoseLeaseThisProcessLostEndsAfterWhatWasWrittenAndItsHealedEnd() {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofMillis(600));
        RedisJournal journal = redis.journal(config, 8);
        ConversationLease lease = turn(journal, 2);
        AssertSubscriber<JournalRecord> follower = journal.follow(ID, 1, -1).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        awaitTrue(() -> follower.getItems().size() == 3, () -> "the prompt and 2 chunks, got " + follower.getItems());
        assertEquals(1, journal.liveTails());

        // the lease goes (taken away, as after a pause past it): the next renewal finds it gone
        send(Request.cmd(Command.DEL).arg(RedisKeys.of(config.keyPrefix(), ID).lease()));
        follower.awaitCompletion(WAIT);
        assertEquals(List.of(0, 1, 2), positionsOf(withoutLast(follower.getItems())), "what was written");
        assertHealedEnd(follower.getItems(), 2);
        assertEquals(0, journal.liveTails(), "the tail of a turn this process cannot write any more is dropped");
        lease.release();
    }

    @Test
    void aTurnGivenUpWithoutItsTerminalRecordLeavesNoTailAndEndsHealed() {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofSeconds(10));
        RedisJournal journal = redis.journal(config, 8);
        ConversationLease lease = turn(journal, 1);
        AssertSubscriber<JournalRecord> follower = journal.follow(ID, 1, 0).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        awaitTrue(() -> follower.getItems().size() == 1, () -> "chunk 1, got " + follower.getItems());
        lease.release(); // its terminal record could not be written, say: the lease is given back anyway
        follower.awaitCompletion(WAIT);
        assertEquals(List.of(1), positionsOf(withoutLast(follower.getItems())));
        assertHealedEnd(follower.getItems(), 1);
        assertEquals(0, journal.liveTails());
    }

    private static List<JournalRecord> withoutLast(List<JournalRecord> records) {
        return records.subList(0, Math.max(0, records.size() - 1));
    }

    /** The follow ended with the end another process journals for a writer that is gone (AbandonedTurns). */
    private static void assertHealedEnd(List<JournalRecord> records, int chunks) {
        JournalRecord last = records.get(records.size() - 1);
        assertTrue(last instanceof AbortedRecord aborted && AbortedRecord.SERVER_STOPPED.equals(aborted.reason())
                && aborted.journaled() == chunks, "the healed server_stopped end, got " + last);
    }

    /** Turn 1 of {@link #ID} under a lease of {@code journal}: its prompt and {@code chunks} chunks written. */
    private static ConversationLease turn(RedisJournal journal, int chunks) {
        ConversationLease lease = journal.lease(ID, LeasePurpose.TURN).await().atMost(WAIT);
        lease.runs(1);
        lease.append(new UserRecord(1, TS, "prompt", "scripted", "m")).await().atMost(WAIT);
        for (int seq = 1; seq <= chunks; seq++) {
            lease.append(new ChunkRecord(1, seq, "c" + seq)).await().atMost(WAIT);
        }
        return lease;
    }

    private static long blockedClients() {
        Matcher blocked = Pattern.compile("blocked_clients:(\\d+)")
                .matcher(send(Request.cmd(Command.INFO).arg("clients")).toString());
        assertTrue(blocked.find(), "INFO clients has blocked_clients");
        return Long.parseLong(blocked.group(1));
    }

    /** Connections blocked now ({@code flags=b}) in an {@code XREAD}, as CLIENT LIST shows them. */
    private static long blockedInXread() {
        return send(Request.cmd(Command.CLIENT).arg("LIST")).toString().lines()
                .filter(line -> line.contains(" flags=b ") && line.contains(" cmd=xread ")).count();
    }

    private static long commandCalls(String command) {
        Matcher calls = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)")
                .matcher(send(Request.cmd(Command.INFO).arg("commandstats")).toString());
        return calls.find() ? Long.parseLong(calls.group(1)) : 0;
    }

    private static void awaitTrue(BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static io.vertx.mutiny.redis.client.Response send(Request request) {
        return redis.plain().send(request).await().atMost(WAIT);
    }
}
