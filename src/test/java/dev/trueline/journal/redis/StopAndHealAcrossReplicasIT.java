package dev.trueline.journal.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * Two packaged apps (two replicas) journaling to one real redis-server, over real HTTP: a Stop sent to the replica
 * that does not run the turn stops it on the one that does, and when the replica running a turn is killed (SIGKILL,
 * by its PID), a client resuming on the other one gets the rest of what was journaled and the healed
 * {@code server_stopped} end, after which the conversation takes a new turn.
 */
class StopAndHealAcrossReplicasIT {

    /** The default lease time: the kill test measures what a deployment would see. */
    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path LOGS = Path.of("target", "stop-and-heal-across-replicas-it");

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
    void aStopSentToTheReplicaThatDoesNotRunTheTurnEndsItWithUserStopAndTheStoppersLastEventId() throws Exception {
        try (AppProcess a = replica("stop-a"); AppProcess b = replica("stop-b")) {
            String cid = JournalFiles.newId("xstop");
            int k = 4;
            // long enough (40 s) that a replica slow on a loaded machine cannot see the turn end before its stop
            try (RawSseClient client = RawSseClient.startTurn(a.uri("/"), cid, "long answer #chunks=2000 #delay-ms=20")) {
                assertEquals(200, client.status(), client::errorBody);
                assertEquals("turn", client.next().event());
                client.readChunks(k + 3); // it received more than it rendered: delivered must be the k it says
                // B answers a request on the conversation first: a freshly started JVM's first one can take seconds
                assertEquals(200, b.get("/api/conversations/" + cid).statusCode());

                long asked = System.nanoTime();
                HttpResponse<String> stop = stop(b, cid, 1, "1:" + k);
                assertEquals(204, stop.statusCode(), stop.body());
                // a figure, not an assertion: well under a renewal period (a third of the lease) means the wake-up
                System.out.printf("stop through the other replica answered 204 in %d ms (renewals every %d ms)%n",
                        Duration.ofNanos(System.nanoTime() - asked).toMillis(), LEASE.toMillis() / 3);

                List<SseEvent> rest = client.rest();
                SseEvent last = rest.get(rest.size() - 1);
                assertEquals("interrupted", last.event(), rest.toString());
                assertEquals("user_stop", last.json().getString("reason"));
                assertEquals(k, last.json().getInteger("chunks"));
            }
            JsonObject aborted = terminal(journal(b, cid), 1);
            assertEquals("aborted", aborted.getString("type"));
            assertEquals("user_stop", aborted.getString("reason"));
            assertEquals(k, aborted.getInteger("delivered"), "the stopper's Last-Event-ID, journaled by the owner");
            assertTrue(aborted.getInteger("journaled") >= k, aborted::encode);

            // the stop answered, the conversation takes the next turn, on either replica
            assertEquals("end", lastEvent(b, cid, "and now #chunks=2").event());
            // a stop of a turn that is over, or that does not exist, answers as on the replica that ran it
            assertEquals(409, stop(b, cid, 1, "1:1").statusCode());
            assertEquals(409, stop(a, cid, 1, "1:1").statusCode());
            assertEquals(404, stop(b, cid, 9, null).statusCode());
        }
    }

    @Test
    void aReplicaKilledMidTurnLeavesAClientResumingOnTheOtherEveryChunkThenServerStoppedThenANewTurn()
            throws Exception {
        try (AppProcess a = replica("kill-a"); AppProcess b = replica("kill-b")) {
            String cid = JournalFiles.newId("xkill");
            RawSseClient client = RawSseClient.streamTurn(a.uri("/"), cid, "long answer #chunks=400 #delay-ms=20");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (client.chunks().size() < 10) {
                assertTrue(System.nanoTime() < deadline, "no 10 chunks from replica A");
                Thread.sleep(10);
            }
            long killedAt = System.nanoTime();
            a.kill(); // SIGKILL to A's PID, mid-answer
            assertTrue(client.await(Duration.ofSeconds(10)), "A's client sees its connection die");
            List<SseEvent> had = client.chunks();
            int seen = had.get(had.size() - 1).json().getInteger("seq");

            List<SseEvent> resumed;
            try (RawSseClient resume = RawSseClient.resume(b.uri("/api/conversations/" + cid + "/turns/1/events"),
                    "1:" + seen)) {
                assertEquals(200, resume.status(), resume::errorBody);
                resume.setReadTimeout(LEASE.multipliedBy(3)); // a hang fails here
                resumed = resume.rest();
            }
            Duration healedAfter = Duration.ofNanos(System.nanoTime() - killedAt);
            System.out.printf("replica killed -> healed server_stopped on the other: %d ms (lease %s)%n",
                    healedAfter.toMillis(), LEASE);

            List<JsonObject> journal = journal(b, cid);
            long journaled = journal.stream().filter(r -> "chunk".equals(r.getString("type"))).count();
            assertTrue(journaled >= seen, "I1: received " + seen + ", journaled " + journaled);
            List<SseEvent> rest = resumed.stream().filter(e -> "chunk".equals(e.event())).toList();
            List<Integer> seqs = new ArrayList<>();
            had.forEach(e -> seqs.add(e.json().getInteger("seq")));
            rest.forEach(e -> seqs.add(e.json().getInteger("seq")));
            for (int i = 0; i < seqs.size(); i++) {
                assertEquals(i + 1, seqs.get(i), "what it had, then the rest: no gap, no repeat " + seqs);
            }
            assertEquals(journaled, seqs.size(), "every journaled chunk");
            SseEvent end = resumed.get(resumed.size() - 1);
            assertEquals("interrupted", end.event(), resumed.toString());
            assertEquals("1:end", end.id());
            assertEquals("server_stopped", end.json().getString("reason"));
            assertEquals(journaled, end.json().getInteger("chunks").longValue());
            assertTrue(healedAfter.compareTo(LEASE.plusSeconds(5)) < 0, "healed after " + healedAfter);

            // the journal has the healed end, written once, with every chunk counted
            JsonObject healed = terminal(journal, 1);
            assertEquals("aborted", healed.getString("type"));
            assertEquals("server_stopped", healed.getString("reason"));
            assertEquals(journaled, healed.getInteger("journaled").longValue());
            assertEquals(journaled, healed.getInteger("delivered").longValue());
            // a full replay shows the chunks the first client had, as it had them
            try (RawSseClient replay = RawSseClient.resume(b.uri("/api/conversations/" + cid + "/turns/1/events"),
                    "1:0")) {
                List<SseEvent> chunks = replay.rest().stream().filter(e -> "chunk".equals(e.event())).toList();
                for (int i = 0; i < had.size(); i++) {
                    assertEquals(had.get(i).data(), chunks.get(i).data());
                }
            }
            // and the conversation goes on with a new turn
            assertEquals("end", lastEvent(b, cid, "and now #chunks=3 #delay-ms=1").event());
        }
    }

    private static AppProcess replica(String name) throws Exception {
        Path dir = Files.createTempDirectory("trueline-replica-");
        // stop-wait above its 10 s default: on a loaded machine the stopper must not answer 202 for want of CPU
        return AppProcess.start(dir, Map.of("trueline.journal.backend", "redis", "quarkus.redis.hosts", redis.uri(),
                "quarkus.redis.trueline-follow.hosts", redis.uri(), "trueline.turn.stop-wait", "30s"),
                LOGS.resolve(name + ".log"));
    }

    private static HttpResponse<String> stop(AppProcess app, String cid, int turn, String lastEventId)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(app.uri("/api/conversations/" + cid + "/turns/" + turn
                + "/stop")).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody());
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonObject> journal(AppProcess app, String cid) throws Exception {
        HttpResponse<String> raw = app.get("/api/conversations/" + cid + "/journal");
        assertEquals(200, raw.statusCode(), raw.body());
        return JournalFiles.parse(raw.body());
    }

    /** The one terminal record of {@code turn}: there must be exactly one (I3). */
    private static JsonObject terminal(List<JsonObject> journal, int turn) {
        List<JsonObject> terminals = journal.stream().filter(r -> r.getInteger("turn", -1) == turn)
                .filter(r -> List.of("end", "aborted", "failed").contains(r.getString("type"))).toList();
        assertEquals(1, terminals.size(), journal.toString());
        return terminals.get(0);
    }

    private static SseEvent lastEvent(AppProcess app, String cid, String prompt) throws Exception {
        try (RawSseClient next = RawSseClient.startTurn(app.uri("/"), cid, prompt)) {
            assertEquals(200, next.status(), next::errorBody);
            List<SseEvent> events = next.rest();
            return events.get(events.size() - 1);
        }
    }
}
