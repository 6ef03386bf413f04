package dev.trueline.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.trueline.testing.AppProcess;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.RedisServer;
import dev.trueline.testing.SseEvent;
import dev.trueline.testing.Turns;
import io.vertx.core.json.JsonObject;

/**
 * Issue #11 on three replicas with a short lease ({@value Topology#SHORT_LEASE}) behind nginx: a writer paused past
 * its lease cannot append once another replica took the conversation (acceptance 4, fencing); the clients of a
 * writer killed with SIGKILL resume through nginx with nothing they saw lost and a healed end (acceptance 3). The
 * kill runs last: it leaves two replicas.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WriterLeaseIT {

    private static final Duration LEASE = Duration.ofSeconds(2);

    private static RedisServer redis;
    private static Topology topology;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
        topology = Topology.start("writer-lease", redis.uri(), false, Topology.SHORT_LEASE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (topology != null) {
            topology.close();
        }
        redis.close();
    }

    @Test
    @Order(1)
    void aReplicaPausedPastItsLeaseCannotAppendToItsTurnOnceAnotherReplicaTookTheConversation() throws Exception {
        String cid = "fenced";
        AppProcess writer = topology.replica(0);
        AppProcess other = topology.replica(1);
        RawSseClient onWriter = RawSseClient.streamTurn(writer.uri("/"), cid, "Paused writer #chunks=500 #delay-ms=20");
        await(() -> onWriter.chunks().size() >= 5, Duration.ofSeconds(30), "5 chunks on the writer");

        RawSseClient onOther;
        writer.pause(); // SIGSTOP: its lease is renewed no more, its turn is still open in the journal
        try {
            onOther = takeOver(other, cid, "Taking over #chunks=40 #delay-ms=25");
            onOther.readChunks(3);
        } finally {
            writer.resume(); // SIGCONT: its timers are overdue, the next chunk is on its way to Redis
        }

        List<SseEvent> second = onOther.rest();
        assertEquals("end", Turns.last(second).event(), second.toString());
        // the writer did try: its next chunk was refused for the lease it had lost
        Pattern refused = Pattern.compile("turn 1 of " + cid + ": chunk \\d+ not journaled: the lease on " + cid
                + " was lost");
        await(() -> refused.matcher(output(writer)).find(), Duration.ofSeconds(30),
                "the paused writer's refused append in its log");
        assertTrue(onWriter.await(Duration.ofSeconds(30)), "the writer's client never ended");

        List<JsonObject> journal = topology.journal(cid);
        int takeover = indexOf(journal, "user", 2);
        assertTrue(takeover > 0, "no turn 2 in " + journal);
        for (JsonObject r : journal.subList(takeover, journal.size())) {
            assertEquals(2, r.getInteger("turn"), "a record of the paused writer after the takeover: " + r);
        }
        checkChunks(journal, 1, onWriter.chunks());
        JsonObject transcript = new JsonObject(topology.replica(2).get("/api/conversations/" + cid).body());
        JsonObject first = transcript.getJsonArray("messages").getJsonObject(1);
        assertEquals("interrupted", first.getString("status"), first.encode());
        assertEquals("complete", transcript.getJsonArray("messages").getJsonObject(3).getString("status"));
    }

    @Test
    @Order(2)
    void clientsOfAKilledWriterResumeThroughNginxWithAllTheySawAndAHealedEndThenNewTurnsWork() throws Exception {
        AppProcess victim = topology.replica(2);
        List<String> cids = new ArrayList<>();
        List<RawSseClient> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            cids.add("killed-" + i);
            clients.add(RawSseClient.streamTurn(victim.uri("/"), cids.get(i), "Killed writer " + i
                    + " #chunks=500 #delay-ms=40"));
        }
        await(() -> clients.stream().allMatch(c -> c.chunks().size() >= 3), Duration.ofSeconds(60),
                "3 chunks on each of the 20 turns");

        victim.kill(); // SIGKILL: nothing is journaled on the way out, the leases are left to expire
        long killed = System.nanoTime();
        for (RawSseClient client : clients) {
            assertTrue(client.await(Duration.ofSeconds(10)), "a client of the killed replica is still reading");
        }

        ExecutorService resuming = Executors.newFixedThreadPool(clients.size());
        List<Future<Resumed>> resumes = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            String cid = cids.get(i);
            List<SseEvent> seen = clients.get(i).chunks();
            resumes.add(resuming.submit(() -> Resumed.through(topology, cid, seen)));
        }
        resuming.shutdown();
        for (int i = 0; i < clients.size(); i++) {
            Resumed resumed = resumes.get(i).get(60, TimeUnit.SECONDS);
            String cid = cids.get(i);
            SseEvent end = Turns.last(resumed.events());
            assertEquals("interrupted", end.event(), cid + ": " + resumed.events());
            assertEquals("server_stopped", end.json().getString("reason"), cid);
            Duration after = Duration.ofNanos(resumed.ended() - killed);
            assertTrue(after.compareTo(LEASE.plusSeconds(2)) <= 0, cid + ": the healed end came " + after
                    + " after the kill");
            List<SseEvent> chunks = new ArrayList<>(resumed.seen());
            resumed.events().stream().filter(e -> "chunk".equals(e.event())).forEach(chunks::add);
            assertEquals(chunks.size(), end.json().getInteger("chunks"), cid + ": the healed end keeps them all");
            List<JsonObject> journal = topology.journal(cid);
            checkChunks(journal, 1, chunks);
            // the heal is journaled by a replica that is still there (stop-heal): the turn ends server_stopped
            JsonObject terminal = journal.stream().filter(r -> r.getInteger("turn", 0) == 1
                    && "aborted".equals(r.getString("type"))).findFirst()
                    .orElseThrow(() -> new AssertionError(cid + ": no terminal record journaled for turn 1"));
            assertEquals("server_stopped", terminal.getString("reason"), terminal.encode());
        }
        for (String cid : cids) {
            List<SseEvent> next = Turns.run(topology.nginx.root(), cid,
                    new JsonObject().put("prompt", "And now? #chunks=5 #delay-ms=5"));
            assertEquals("2:0", next.get(0).id(), cid);
            assertEquals("end", Turns.last(next).event(), cid + ": " + next);
        }
    }

    /** A resume through nginx of a turn whose client saw {@code seen}; when its last event came. */
    private record Resumed(List<SseEvent> seen, List<SseEvent> events, long ended) {

        static Resumed through(Topology topology, String cid, List<SseEvent> seen) throws Exception {
            String last = seen.get(seen.size() - 1).id();
            try (RawSseClient resumed = RawSseClient.resume(
                    topology.nginx.uri("/api/conversations/" + cid + "/turns/1/events"), last)) {
                assertEquals(200, resumed.status(), cid + ": " + resumed.errorBody());
                List<SseEvent> events = resumed.rest();
                return new Resumed(seen, events, System.nanoTime());
            }
        }
    }

    /**
     * I1, I2: the turn's chunks are journaled as 1..n in order, and every one a client received is among them with
     * the text it received.
     */
    private static void checkChunks(List<JsonObject> journal, int turn, List<SseEvent> received) {
        List<JsonObject> chunks = journal.stream().filter(r -> r.getInteger("turn", 0) == turn
                && "chunk".equals(r.getString("type"))).toList();
        for (int i = 0; i < chunks.size(); i++) {
            assertEquals(i + 1, chunks.get(i).getInteger("seq"), "I2: " + chunks.get(i));
        }
        for (SseEvent chunk : received) {
            int seq = chunk.json().getInteger("seq");
            assertTrue(seq <= chunks.size(), "I1: chunk " + seq + " was received but not journaled");
            assertEquals(chunks.get(seq - 1).getString("text"), chunk.json().getString("text"), "I1: chunk " + seq);
        }
    }

    /** Starts a turn on {@code replica}: 409 while the paused writer's lease lives, then its lease expired. */
    private static RawSseClient takeOver(AppProcess replica, String cid, String prompt) throws Exception {
        long deadline = System.nanoTime() + LEASE.plusSeconds(30).toNanos();
        while (true) {
            RawSseClient client = RawSseClient.startTurn(replica.uri("/"), cid, prompt);
            if (client.status() == 200) {
                return client;
            }
            client.close();
            assertEquals(409, client.status(), client.errorBody());
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the paused writer's lease never expired");
            }
            Thread.sleep(200);
        }
    }

    private static int indexOf(List<JsonObject> journal, String type, int turn) {
        for (int i = 0; i < journal.size(); i++) {
            if (type.equals(journal.get(i).getString("type")) && journal.get(i).getInteger("turn", 0) == turn) {
                return i;
            }
        }
        return -1;
    }

    private static String output(AppProcess app) {
        try {
            return app.output();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(50);
        }
    }
}
