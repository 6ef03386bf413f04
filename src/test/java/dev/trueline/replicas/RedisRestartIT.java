package dev.trueline.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.RedisServer;
import dev.trueline.testing.SseEvent;
import dev.trueline.testing.Turns;
import io.vertx.core.json.JsonObject;

/**
 * Issue #11, acceptance 6: the one redis-server of three replicas behind nginx, persisting every write before it
 * answers ({@code appendonly yes}, {@code appendfsync always}), is killed (SIGKILL) in the middle of 20 running
 * turns and started again on its port and directory. Every chunk any client received is still in the journal, the
 * turns that were running end with one terminal record each, and new turns work.
 * <p>
 * Which terminal record depends on timing, and both are right: the owner, whose chunk the dead Redis refused, journals
 * {@code failed}/{@code journal_unavailable} (what its clients were shown) if Redis is back when that record goes
 * out; if it is not, the turn has no end until a replica heals it, {@code aborted}/{@code server_stopped}.
 */
class RedisRestartIT {

    private static final int TURNS = 20;

    private static RedisServer redis;
    private static Topology topology;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start(List.of("--appendonly", "yes", "--appendfsync", "always", "--save", ""));
        topology = Topology.start("redis-restart", redis.uri(), false, Topology.SHORT_LEASE);
    }

    @AfterAll
    static void stop() throws Exception {
        if (topology != null) {
            topology.close();
        }
        redis.close();
    }

    @Test
    void redisKilledAndRestartedMidLoadKeepsEveryChunkSentAndRunningTurnsEndHealed() throws Exception {
        List<String> cids = new ArrayList<>();
        List<RawSseClient> clients = new ArrayList<>();
        for (int i = 0; i < TURNS; i++) {
            cids.add("restart-" + i);
            clients.add(RawSseClient.streamTurn(topology.nginx.root(), cids.get(i), "Redis goes away " + i
                    + " #chunks=500 #delay-ms=20"));
        }
        await(() -> clients.stream().allMatch(c -> c.chunks().size() >= 3), Duration.ofSeconds(60),
                "3 chunks on each turn");

        redis.kill();
        Thread.sleep(1000);
        redis.restart();

        List<List<SseEvent>> received = new ArrayList<>();
        for (int i = 0; i < TURNS; i++) {
            RawSseClient client = clients.get(i);
            assertTrue(client.await(Duration.ofSeconds(30)), cids.get(i) + ": its stream never ended");
            // it ends with an error event saying so, not with a broken connection
            assertTrue(client.endedCleanly(), cids.get(i) + ": " + client.failure());
            assertEquals("error", client.last().event(), cids.get(i) + ": " + client.last());
            assertEquals("journal_unavailable", client.last().json().getString("code"), cids.get(i));
            received.add(new ArrayList<>(client.chunks()));
            client.closeQuietly();
        }
        // a client resumes once the service is back: each replica ready again, its Redis clients reconnected (a
        // resume before that is refused with journal_unavailable, as it should be while Redis is away)
        await(RedisRestartIT::everyReplicaReady, Duration.ofSeconds(30), "every replica ready again");
        for (int i = 0; i < TURNS; i++) {
            String cid = cids.get(i);
            List<SseEvent> seen = received.get(i);
            try (RawSseClient resumed = RawSseClient.resume(
                    topology.nginx.uri("/api/conversations/" + cid + "/turns/1/events"), Turns.last(seen).id())) {
                assertEquals(200, resumed.status(), cid + ": " + resumed.errorBody());
                List<SseEvent> events = resumed.rest();
                SseEvent end = Turns.last(events);
                events.stream().filter(e -> "chunk".equals(e.event())).forEach(seen::add);
                if ("error".equals(end.event())) {
                    assertEquals("journal_unavailable", end.json().getString("code"), cid + ": " + events);
                } else {
                    assertEquals("interrupted", end.event(), cid + ": " + events);
                    assertEquals("server_stopped", end.json().getString("reason"), cid);
                    assertEquals(seen.size(), end.json().getInteger("chunks"), cid + ": the healed end keeps them all");
                }
            }
            List<JsonObject> journal = topology.journal(cid);
            List<JsonObject> terminals = journal.stream().filter(r -> r.getInteger("turn", 0) == 1
                    && ("aborted".equals(r.getString("type")) || "failed".equals(r.getString("type")))).toList();
            assertEquals(1, terminals.size(), cid + ": one terminal record for turn 1: " + terminals);
            JsonObject terminal = terminals.get(0);
            if ("failed".equals(terminal.getString("type"))) {
                assertEquals("journal_unavailable", terminal.getString("code"), terminal.encode());
            } else {
                // the heal is journaled by a replica (stop-heal): the interrupted turn ends server_stopped
                assertEquals("server_stopped", terminal.getString("reason"), terminal.encode());
            }
            List<JsonObject> chunks = journal.stream().filter(r -> "chunk".equals(r.getString("type"))).toList();
            for (int s = 0; s < chunks.size(); s++) {
                assertEquals(s + 1, chunks.get(s).getInteger("seq"), cid + ": I2: " + chunks.get(s));
            }
            for (SseEvent chunk : seen) {
                int seq = chunk.json().getInteger("seq");
                assertTrue(seq <= chunks.size(), cid + ": chunk " + seq + " was received and is not in the stream");
                assertEquals(chunks.get(seq - 1).getString("text"), chunk.json().getString("text"), cid);
            }
            assertEquals(chunks.size(), terminal.getInteger("journaled"), cid + ": " + terminal.encode());
            JsonObject answer = new JsonObject(topology.replica(i % Topology.REPLICAS)
                    .get("/api/conversations/" + cid).body()).getJsonArray("messages").getJsonObject(1);
            boolean failed = "failed".equals(terminal.getString("type"));
            assertEquals(failed ? "failed" : "interrupted", answer.getString("status"), cid + ": " + answer.encode());
            if (!failed) {
                assertEquals("server_stopped", answer.getString("reason"), cid + ": " + answer.encode());
            }
        }

        for (String cid : cids) {
            List<SseEvent> next = Turns.run(topology.nginx.root(), cid,
                    new JsonObject().put("prompt", "Redis is back #chunks=5 #delay-ms=5"));
            assertEquals("2:0", next.get(0).id(), cid);
            assertEquals("end", Turns.last(next).event(), cid + ": " + next);
        }

    }

    private static boolean everyReplicaReady() {
        try {
            for (int r = 0; r < Topology.REPLICAS; r++) {
                if (topology.replica(r).management("/q/health/ready").statusCode() != 200) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
