package dev.trueline.replicas;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.trueline.testing.RedisCluster;

/**
 * Issue #11, acceptance 7: the load of {@link ReplicasBehindNginxIT} (three replicas behind nginx, turns cut twice
 * and resumed) against a local Redis Cluster of three masters the test creates with {@code redis-cli --cluster
 * create}, the replicas' clients in {@code client-type=cluster}.
 */
class RedisClusterIT {

    private static RedisCluster cluster;
    private static Topology topology;

    @BeforeAll
    static void start() throws Exception {
        cluster = RedisCluster.start();
        topology = Topology.start("redis-cluster", cluster.hosts(), true, null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (topology != null) {
            topology.close();
        }
        cluster.close();
    }

    @Test
    void cutTurnsResumedThroughNginxOnAThreeMasterClusterAreWholeWithNoDuplicateAndNoGap() throws Exception {
        List<CutTurn> turns = CutTurnLoad.run(topology.nginx.root(), "cluster", 100, 12, 7);

        for (CutTurn turn : turns) {
            CutTurnLoad.checkWhole(turn, topology.journal(turn.conversation()));
        }
        // the conversations' keys are spread over the three shards, so every master took part
        List<Integer> keys = cluster.keysPerNode();
        assertTrue(keys.stream().allMatch(n -> n > 0), "keys per master: " + keys);
    }
}
