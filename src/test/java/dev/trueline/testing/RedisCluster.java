package dev.trueline.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A local Redis Cluster of three masters and no replicas, each a {@link RedisServer} ({@code cluster-enabled yes},
 * nothing persisted), joined by {@code redis-cli --cluster create} the way an operator creates one; ready once every
 * node says {@code cluster_state:ok}. Stopped node by node, by PID.
 */
public final class RedisCluster implements AutoCloseable {

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    /** Three masters sharing the 16384 hash slots. */
    public static RedisCluster start() throws IOException, InterruptedException {
        List<RedisServer> nodes = new ArrayList<>();
        RedisCluster cluster = new RedisCluster(nodes);
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(RedisServer.start(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", "5000", "--save", "", "--appendonly", "no")));
            }
            List<String> create = new ArrayList<>(List.of("--cluster", "create"));
            nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            RedisCli.run(create);
            cluster.awaitOk();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** The nodes' connection strings, comma-separated: the value of {@code quarkus.redis.hosts}. */
    public String hosts() {
        return nodes.stream().map(RedisServer::uri).collect(Collectors.joining(","));
    }

    public List<RedisServer> nodes() {
        return nodes;
    }

    /** How many keys each node holds, in node order: whether the keys really spread over the shards. */
    public List<Integer> keysPerNode() throws IOException, InterruptedException {
        List<Integer> counts = new ArrayList<>();
        for (RedisServer node : nodes) {
            counts.add(Integer.parseInt(RedisCli.call(node.port(), "DBSIZE").strip()));
        }
        return counts;
    }

    @Override
    public void close() throws IOException {
        for (RedisServer node : nodes) {
            node.close();
        }
    }

    private void awaitOk() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (RedisServer node : nodes) {
            while (!RedisCli.call(node.port(), "CLUSTER", "INFO").contains("cluster_state:ok")) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the cluster is not ok after 30 s: "
                            + RedisCli.call(node.port(), "CLUSTER", "INFO"));
                }
                Thread.sleep(100);
            }
        }
    }
}
