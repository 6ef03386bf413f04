package dev.trueline.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.trueline.testing.RedisServer;

/**
 * Issue #11, acceptance 2: three replicas on one Redis behind nginx ({@code deploy/nginx/trueline.conf}, round-robin),
 * and turns whose clients are cut and resume through nginx, landing on other replicas than the one generating them.
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
