package dev.trueline.journal.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.trueline.testing.AppProcess;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.RedisServer;
import dev.trueline.testing.SseEvent;
import io.vertx.core.json.JsonObject;

/**
 * Two packaged apps (two replicas) journaling to one real redis-server, over real HTTP, with a reconnect grace of
 * 2 s and {@code on-disconnect=cancel}: a client that leaves replica A, which generates the turn, and resumes on
 * replica B (as through a load balancer) keeps the turn going on A for as long as it follows on B, well past the
 * grace; once it leaves B too, A cancels the turn, and its {@code aborted}/{@code client_disconnect} end counts the
 * chunks the client saw on B (I6), not only what A's own follower had.
 */
class ResumedOnAnotherReplicaIT {

    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Path LOGS = Path.of("target", "resumed-on-another-replica-it");
    /** 600 chunks 20 ms apart: about 12 s of answer, several graces long. */
    private static final String PROMPT = "long answer #chunks=600 #delay-ms=20";

    private static RedisServer redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @Test
    void aClientFollowingOnTheOtherReplicaKeepsTheTurnAliveAndItsEndCountsWhatThatClientSaw() throws Exception {
        try (AppProcess a = replica("grace-a"); AppProcess b = replica("grace-b")) {
            String cid = JournalFiles.newId("xgrace");
            int seenOnA;
            try (RawSseClient first = RawSseClient.startTurn(a.uri("/"), cid, PROMPT)) {
                assertEquals(200, first.status(), first::errorBody);
                List<SseEvent> had = first.readChunks(20);
                seenOnA = had.get(had.size() - 1).json().getInteger("seq");
            } // the client leaves A: A's grace starts

            int seenOnB;
            long resumedAt = System.nanoTime();
            try (RawSseClient resumed = RawSseClient.resume(b.uri("/api/conversations/" + cid + "/turns/1/events"),
                    "1:" + seenOnA)) {
                assertEquals(200, resumed.status(), resumed::errorBody);
                // 150 chunks take 3 s: longer than the grace, which A would have cancelled the turn after
                List<SseEvent> got = resumed.readChunks(150);
                seenOnB = got.get(got.size() - 1).json().getInteger("seq");
                assertEquals(seenOnA + 150, seenOnB, "no gap, no repeat");
                Duration followed = Duration.ofNanos(System.nanoTime() - resumedAt);
                System.out.printf("followed on B for %d ms past A's client leaving (grace %s)%n",
                        followed.toMillis(), GRACE);
                assertTrue(followed.compareTo(GRACE) > 0, "followed for " + followed);
            } // the client leaves B as well

            JsonObject end = awaitTerminal(b, cid, Duration.ofSeconds(30));
            assertEquals("aborted", end.getString("type"), end::encode);
            assertEquals("client_disconnect", end.getString("reason"), end::encode);
            int delivered = end.getInteger("delivered");
            int journaled = end.getInteger("journaled");
            assertTrue(delivered >= seenOnB, "I6: the client saw " + seenOnB + " on B, journal says " + delivered);
            assertTrue(delivered <= journaled, end::encode);
            assertTrue(journaled < 600, "cancelled once the client left B, not run to its end: " + end.encode());
            System.out.printf("seen on A %d, on B %d; terminal delivered %d, journaled %d%n", seenOnA, seenOnB,
                    delivered, journaled);

            // the conversation goes on with a new turn, on either replica
            try (RawSseClient next = RawSseClient.startTurn(a.uri("/"), cid, "and now #chunks=2")) {
                assertEquals(200, next.status(), next::errorBody);
                List<SseEvent> events = next.rest();
                assertEquals("end", events.get(events.size() - 1).event());
            }
        }
    }

    private static AppProcess replica(String name) throws Exception {
        Path dir = Files.createTempDirectory("trueline-replica-");
        return AppProcess.start(dir, Map.of("trueline.journal.backend", "redis", "quarkus.redis.hosts", redis.uri(),
                "quarkus.redis.trueline-follow.hosts", redis.uri(), "trueline.turn.on-disconnect", "cancel",
                "trueline.turn.reconnect-grace", GRACE.toMillis() + "ms"), LOGS.resolve(name + ".log"));
    }

    /** Turn 1's one terminal record (I3), once it is journaled. */
    private static JsonObject awaitTerminal(AppProcess app, String cid, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var raw = app.get("/api/conversations/" + cid + "/journal");
            assertEquals(200, raw.statusCode(), raw.body());
            List<JsonObject> terminals = JournalFiles.parse(raw.body()).stream()
                    .filter(r -> r.getInteger("turn", -1) == 1)
                    .filter(r -> List.of("end", "aborted", "failed").contains(r.getString("type"))).toList();
            assertTrue(terminals.size() <= 1, terminals::toString);
            if (terminals.size() == 1) {
                return terminals.get(0);
            }
            assertTrue(System.nanoTime() < deadline, "turn 1 has no end after " + timeout);
            Thread.sleep(100);
        }
    }
}
