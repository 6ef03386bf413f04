package dev.trueline.journal.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.trueline.journal.ChunkOutOfSequenceException;
import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationLease;
import dev.trueline.journal.EndRecord;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.LeasePurpose;
import dev.trueline.journal.TurnClosedException;
import dev.trueline.journal.UserRecord;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The Redis journal's appends against a real redis-server: the records a conversation queues while its last call is
 * in flight go to Redis together, in order, each still checked alone, and never overtake a call subscribed before
 * them. To be sure records queue, a test pauses Redis's writers for a moment ({@code CLIENT PAUSE ... WRITE}) while
 * the first one is in flight.
 */
class StreamAppendsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant TS = Instant.parse("2026-12-02T00:00:00Z");
    private static final ConversationId ID = ConversationId.of("c1");

    @RegisterExtension
    static final RedisFixture redis = RedisFixture.perClass();

    @Test
    void aBacklogOfChunksGoesInAFewScriptCallsInOrder() throws Exception {
        RedisJournal journal = redis.journal(TestRedisConfig.fresh(Duration.ofSeconds(10)), 8);
        ConversationLease lease = turn(journal);
        long before = scriptCalls();
        List<CompletableFuture<Void>> appends = IntStream.rangeClosed(1, 500)
                .mapToObj(seq -> lease.append(new ChunkRecord(1, seq, "c" + seq)).subscribeAsCompletionStage())
                .toList();
        CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        long calls = scriptCalls() - before;
        // one call in flight at a time, the rest queued behind it in calls of up to OrderedCalls.MAX_JOINED records
        assertTrue(calls < 50, "500 chunks took " + calls + " script calls");
        List<JournalRecord> chunks = records(journal).subList(2, 502);
        for (int seq = 1; seq <= 500; seq++) {
            assertEquals(new ChunkRecord(1, seq, "c" + seq), chunks.get(seq - 1), "I2");
        }
        lease.release();
    }

    @Test
    void aRecordRefusedAmongQueuedOnesFailsAloneAndTheOnesAfterItAreWritten() throws Exception {
        RedisJournal journal = redis.journal(TestRedisConfig.fresh(Duration.ofSeconds(10)), 8);
        ConversationLease lease = turn(journal);
        pauseWriters();
        CompletableFuture<Void> first = append(lease, new ChunkRecord(1, 1, "a")); // in flight, paused
        CompletableFuture<Void> outOfSequence = append(lease, new ChunkRecord(1, 3, "c"));
        CompletableFuture<Void> second = append(lease, new ChunkRecord(1, 2, "b"));
        // accounted: encoded with a count the script does not have, sent again re-counted
        CompletableFuture<Void> end = append(lease, new EndRecord(1, TS, 2, "stop", null));
        // without a lease (the turn's ended with its terminal record): refused by I3, not by the fence
        CompletableFuture<Void> late = journal.append(ID, new ChunkRecord(1, 3, "late")).subscribeAsCompletionStage();
        first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertInstanceOf(ChunkOutOfSequenceException.class, failure(outOfSequence));
        second.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        end.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertInstanceOf(TurnClosedException.class, failure(late), "I3: nothing after the terminal record");
        List<JournalRecord> records = records(journal);
        assertEquals(List.of(new ChunkRecord(1, 1, "a"), new ChunkRecord(1, 2, "b"),
                new EndRecord(1, TS, 2, "stop", null)), records.subList(2, records.size()));
        lease.release();
    }

    @Test
    void aReadSubscribedBetweenAppendsSeesTheOnesBeforeItAndNoneAfter() throws Exception {
        RedisJournal journal = redis.journal(TestRedisConfig.fresh(Duration.ofSeconds(10)), 8);
        ConversationLease lease = turn(journal);
        pauseWriters();
        CompletableFuture<Void> first = append(lease, new ChunkRecord(1, 1, "a")); // in flight, paused
        CompletableFuture<Void> second = append(lease, new ChunkRecord(1, 2, "b")); // queued: it may be joined
        CompletableFuture<List<JournalRecord>> read = journal.read(ID)
                .map(contents -> contents.orElseThrow().records()).subscribeAsCompletionStage();
        CompletableFuture<Void> third = append(lease, new ChunkRecord(1, 3, "c")); // after the read: not with b
        CompletableFuture.allOf(first, second, third).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        List<JournalRecord> seen = read.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(List.of(new ChunkRecord(1, 1, "a"), new ChunkRecord(1, 2, "b")), seen.subList(2, seen.size()));
        assertEquals(5, records(journal).size());
        lease.release();
    }

    /** A lease running turn 1 of {@link #ID}, its prompt journaled, on a conversation that starts afresh. */
    private static ConversationLease turn(RedisJournal journal) {
        ConversationLease lease = journal.lease(ID, LeasePurpose.TURN).await().atMost(WAIT);
        lease.runs(1);
        lease.append(new UserRecord(1, TS, "prompt", "scripted", "m")).await().atMost(WAIT);
        return lease;
    }

    private static CompletableFuture<Void> append(ConversationLease lease, JournalRecord record) {
        return lease.append(record).subscribeAsCompletionStage();
    }

    private static List<JournalRecord> records(RedisJournal journal) {
        return journal.read(ID).await().atMost(WAIT).orElseThrow().records();
    }

    private static Throwable failure(CompletableFuture<Void> append) throws Exception {
        try {
            append.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the append did not fail");
    }

    /** Redis holds every write command (scripts too) for 300 ms: the appends sent meanwhile wait in flight. */
    private static void pauseWriters() {
        send(Request.cmd(Command.CLIENT).arg("PAUSE").arg(300).arg("WRITE"));
    }

    /** The append script's runs so far ({@code EVALSHA}, or {@code EVAL} when the server did not know it yet). */
    private static long scriptCalls() {
        String stats = send(Request.cmd(Command.INFO).arg("commandstats")).toString();
        return calls(stats, "evalsha") + calls(stats, "eval");
    }

    private static long calls(String stats, String command) {
        Matcher calls = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(stats);
        return calls.find() ? Long.parseLong(calls.group(1)) : 0;
    }

    private static Response send(Request request) {
        return redis.plain().send(request).await().atMost(WAIT);
    }
}
