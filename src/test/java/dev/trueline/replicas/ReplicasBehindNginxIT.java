package dev.trueline.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.trueline.testing.AppProcess;
import dev.trueline.testing.JournalInvariants;
import dev.trueline.testing.RawHttp;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.RedisServer;
import dev.trueline.testing.SseEvent;
import dev.trueline.testing.Turns;
import io.vertx.core.json.JsonObject;

/**
 * Issue #11 on three replicas on one Redis behind nginx ({@code deploy/nginx/trueline.conf}, round-robin): turns
 * whose clients are cut and resume through nginx, landing on other replicas than the one generating them
 * (acceptance 2); two replicas racing for one conversation (4); a Stop sent to a replica that does not run the turn
 * (5).
 */
class ReplicasBehindNginxIT {

    private static RedisServer redis;
    private static Topology topology;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
        topology = Topology.start("behind-nginx", redis.uri(), false, null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (topology != null) {
            topology.close();
        }
        redis.close();
    }

    @Test
    void cutTurnsResumedThroughNginxOnOtherReplicasAreWholeWithNoDuplicateAndNoGap() throws Exception {
        List<CutTurn> turns = CutTurnLoad.run(topology.nginx.root(), "cut", 100, 12, 11);

        for (CutTurn turn : turns) {
            CutTurnLoad.checkWhole(turn, topology.journal(turn.conversation()));
        }

        // nginx logs a request once it is over: the resumes a client dropped are logged soon after the drop
        List<String> conversations = turns.stream().map(CutTurn::conversation).toList();
        int requests = turns.stream().mapToInt(t -> 1 + t.resumes()).sum();
        Landings landings = awaitLogged(conversations, requests);
        int elsewhere = 0;
        Set<Integer> generators = new HashSet<>();
        Set<Integer> resumersOfOthers = new HashSet<>();
        for (CutTurn turn : turns) {
            Landings.Turn landed = landings.of(turn.conversation());
            assertEquals(turn.resumes(), landed.resumes().size(), turn.conversation());
            generators.add(landed.generator());
            landed.resumes().stream().filter(p -> p != landed.generator()).forEach(resumersOfOthers::add);
            elsewhere += landed.resumedElsewhere() ? 1 : 0;
        }
        System.out.printf("replicas: %d of %d cut turns resumed on another replica than their generator's%n",
                elsewhere, turns.size());
        Set<Integer> replicas = new HashSet<>(topology.replicas.ports());
        assertEquals(replicas, generators, "round-robin: every replica generated turns");
        assertEquals(replicas, resumersOfOthers, "every replica resumed turns another one generated");
        assertTrue(elsewhere >= turns.size() / 2, "only " + elsewhere + " of " + turns.size()
                + " turns were resumed on another replica than their generator's");
    }

    @Test
    void twoReplicasRacingToStartATurnInOneConversationOneWinsAndTheOtherAnswers409() throws Exception {
        for (int round = 0; round < 10; round++) {
            String cid = "race-" + round;
            String prompt = "Race " + round + " #chunks=10 #delay-ms=20";
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService both = Executors.newFixedThreadPool(2);
            List<Future<RawSseClient>> racing = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                AppProcess replica = topology.replica(r);
                racing.add(both.submit(() -> {
                    go.await();
                    return RawSseClient.startTurn(replica.uri("/"), cid, prompt);
                }));
            }
            go.countDown();
            both.shutdown();
            List<RawSseClient> clients = new ArrayList<>();
            for (Future<RawSseClient> f : racing) {
                clients.add(f.get(60, TimeUnit.SECONDS));
            }
            try {
                List<Integer> statuses = clients.stream().map(RawSseClient::status).sorted().toList();
                assertEquals(List.of(200, 409), statuses, cid + ": " + clients.stream()
                        .map(RawSseClient::errorBody).toList());
                RawSseClient loser = clients.stream().filter(c -> c.status() == 409).findFirst().orElseThrow();
                assertEquals("turn_running", new JsonObject(loser.errorBody()).getString("code"));
                RawSseClient winner = clients.stream().filter(c -> c.status() == 200).findFirst().orElseThrow();
                List<SseEvent> events = winner.rest();
                assertEquals("end", Turns.last(events).event(), events.toString());
                List<JsonObject> journal = topology.journal(cid);
                assertEquals(1, journal.stream().filter(r -> "user".equals(r.getString("type"))).count(),
                        cid + ": exactly one turn started: " + journal);
                JournalInvariants.check(journal, 1, Turns.chunkTexts(events));
            } finally {
                clients.forEach(RawSseClient::closeQuietly);
            }
        }
    }

    @Test
    void stopThroughAReplicaThatDoesNotRunTheTurnEndsItWithUserStopAtTheStoppersLastEventId() throws Exception {
        String cid = "stop-across";
        try (RawSseClient watching = RawSseClient.startTurn(topology.replica(0).uri("/"), cid,
                "Stop me from elsewhere #chunks=400 #delay-ms=20")) {
            assertEquals(200, watching.status(), watching.errorBody());
            watching.readChunks(5);

            RawHttp.Response stop = RawHttp.request(topology.replica(1).uri("/"), "POST",
                    "/api/conversations/" + cid + "/turns/1/stop").header("Content-Type", "application/json")
                    .header("Last-Event-ID", "1:5").send();

            assertEquals(204, stop.status(), stop.body());
            List<SseEvent> rest = watching.rest();
            SseEvent last = Turns.last(rest);
            assertEquals("interrupted", last.event(), rest.toString());
            assertEquals("user_stop", last.json().getString("reason"));
            assertEquals(5, last.json().getInteger("chunks"));
        }
        JsonObject aborted = topology.journal(cid).stream().filter(r -> "aborted".equals(r.getString("type")))
                .findFirst().orElseThrow(() -> new AssertionError("no aborted record"));
        assertEquals("user_stop", aborted.getString("reason"));
        assertEquals(5, aborted.getInteger("delivered"), aborted.encode());
    }

    private static Landings awaitLogged(List<String> conversations, int requests) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Landings landings = new Landings(topology.nginx.accessLog());
            int logged = landings.requests(conversations);
            if (logged >= requests) {
                return landings;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nginx logged " + logged + " of the load's " + requests + " requests");
            }
            Thread.sleep(100);
        }
    }
}
