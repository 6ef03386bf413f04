package dev.trueline.replicas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.trueline.testing.AppProcess;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.Nginx;
import dev.trueline.testing.Replicas;
import dev.trueline.testing.Turns;
import io.vertx.core.json.JsonObject;

/**
 * The topology of README.md's "Several replicas", on 127.0.0.1: {@value #REPLICAS} packaged-app replicas journaling to
 * one Redis (a server, or a Cluster) and nginx in front of them with {@code deploy/nginx/trueline.conf}. The Redis is
 * the test's own, started and stopped by it; this starts and stops the replicas and nginx. Logs stay under
 * {@code target/replicas-it/<name>/}.
 */
final class Topology implements AutoCloseable {

    static final int REPLICAS = 3;
    /**
     * The {@code trueline.journal.redis.lease-time} of the tests about a writer that dies or pauses: short, so that
     * its lease expires soon. The others keep the default (10 s): on a small, busy machine a lease this short can
     * expire while a replica is starved of CPU, which is the very thing leases are for.
     */
    static final String SHORT_LEASE = "2s";

    final Replicas replicas;
    final Nginx nginx;

    private Topology(Replicas replicas, Nginx nginx) {
        this.replicas = replicas;
        this.nginx = nginx;
    }

    /**
     * @param hosts {@code quarkus.redis.hosts} for both of the journal's clients
     * @param cluster whether {@code hosts} are the nodes of a Redis Cluster
     * @param leaseTime {@code trueline.journal.redis.lease-time}, or null for the default
     */
    static Topology start(String name, String hosts, boolean cluster, String leaseTime) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "replicas-it")).resolve(name + "-" + System.nanoTime());
        Map<String, String> props = props(hosts, cluster);
        if (leaseTime != null) {
            props.put("trueline.journal.redis.lease-time", leaseTime);
        }
        Replicas replicas = Replicas.start(REPLICAS, props, dir);
        try {
            warmUp(replicas);
            return new Topology(replicas, Nginx.start(replicas.ports(), dir.resolve("nginx")));
        } catch (Exception | Error e) {
            replicas.close();
            throw e;
        }
    }

    /** What every replica runs with: README.md's "Several replicas" plus a short lease. */
    static Map<String, String> props(String hosts, boolean cluster) {
        Map<String, String> props = new HashMap<>();
        props.put("trueline.journal.backend", "redis");
        props.put("quarkus.redis.hosts", hosts);
        props.put("quarkus.redis.trueline-follow.hosts", hosts);
        // the pools sized for the load, as docs/redis.md says an operator must: a follower waiting in XREAD BLOCK
        // holds a connection of its own pool for that long
        props.put("quarkus.redis.max-pool-size", "32");
        props.put("quarkus.redis.max-pool-waiting", "1024");
        props.put("quarkus.redis.trueline-follow.max-pool-size", "128");
        props.put("quarkus.redis.trueline-follow.max-pool-waiting", "1024");
        if (cluster) {
            props.put("quarkus.redis.client-type", "cluster");
            props.put("quarkus.redis.trueline-follow.client-type", "cluster");
        }
        return props;
    }

    /** A few turns on each replica first, so that the tests' turns do not meet a cold JVM. */
    private static void warmUp(Replicas replicas) throws IOException {
        for (int i = 0; i < replicas.size(); i++) {
            for (int turn = 0; turn < 3; turn++) {
                Turns.run(replicas.get(i).uri("/"), "warm-up-" + i + "-" + turn,
                        new JsonObject().put("prompt", "Warm up #chunks=20 #delay-ms=1"));
            }
        }
    }

    AppProcess replica(int i) {
        return replicas.get(i);
    }

    /** The raw journal of {@code cid} as replica 0 reads it back from Redis (none: an empty list). */
    List<JsonObject> journal(String cid) throws IOException, InterruptedException {
        var response = replica(0).get("/api/conversations/" + cid + "/journal");
        return response.statusCode() == 200 ? JournalFiles.parse(response.body()) : List.of();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            nginx.close();
        } finally {
            replicas.close();
        }
    }
}
