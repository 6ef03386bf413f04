package dev.trueline.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.trueline.testing.FreePorts;
import dev.trueline.testing.RedisServer;

/**
 * Trueline's packaged app ({@code target/quarkus-app/quarkus-run.jar}), configured the way an operator would: by
 * config keys, not prompt directives (which prod caps). It runs in the profiles {@code prod,bench}: everything of
 * prod, plus whatever only a benchmark may switch on: the no-op journal ({@code --journal noop}) refuses to start
 * without {@code bench}. The scripted model gets the scenario's chunks, chunk size and delay ({@code 0} = on demand).
 * With {@code --journal redis} it first starts a redis-server of its own ({@link RedisServer}) on a free port of
 * 127.0.0.1 and on the server's cpus, persisting nothing unless the scenario's sync mode is {@code always} (then
 * {@code --appendonly yes --appendfsync always}, its append-only file in the run's journal directory); the
 * redis-server is stopped by its pid after the app, and its CPU and peak RSS count in the server's figures.
 */
final class TruelineServer implements BenchServer {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    static final List<String> BACKENDS = List.of("file", "redis", "noop");

    private final String journalKind;
    private final List<String> jvmOptions;

    /**
     * @param journalKind {@code trueline.journal.backend}: {@code file}, {@code redis} (on a redis-server the harness
     *        starts), or {@code noop} to measure the journal's own cost against
     * @param jvmOptions extra options for the server's JVM (e.g. a JFR recording)
     */
    TruelineServer(String journalKind, List<String> jvmOptions) {
        if (!BACKENDS.contains(journalKind)) {
            throw new IllegalArgumentException("--journal " + journalKind + ": file, redis or noop");
        }
        this.journalKind = journalKind;
        this.jvmOptions = jvmOptions;
    }

    @Override
    public String name() {
        return journalKind.equals("redis") ? "trueline-redis" : "trueline";
    }

    @Override
    public Protocol protocol() {
        return Protocol.TRUELINE;
    }

    @Override
    public ServerProcess start(Scenario s, Path journal, String cpus, Path log) throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: bench/run.sh builds it (./mvnw package -DskipTests)");
        }
        if (!journalKind.equals("redis")) {
            return startApp(s, journal, cpus, log, Map.of());
        }
        if ("resume".equals(s.mode())) {
            throw new IllegalArgumentException(s.name() + " writes its finished conversations as journal files: not"
                    + " with --journal redis");
        }
        // the AOF, when there is one, beside where the file journal would write: the same file system
        List<String> persistence = s.sync().equals("always")
                ? List.of("--save", "", "--appendonly", "yes", "--appendfsync", "always")
                : List.of("--save", "", "--appendonly", "no");
        List<String> options = new java.util.ArrayList<>(persistence);
        options.addAll(List.of("--dir", journal.toAbsolutePath().toString()));
        RedisServer redis = RedisServer.start(cpus, options);
        System.err.println("bench: redis-server pid " + redis.pid() + " on " + redis.uri() + (cpus == null ? ""
                : ", cpu " + cpus) + ", " + String.join(" ", persistence));
        // sized when every follower waited in XREAD BLOCK on a connection of its own; a follower of a turn this app
        // writes now waits on none, so this only caps what the followers' pool could use, kept to compare runs
        String pool = Integer.toString(s.concurrency() + 16);
        try {
            return startApp(s, journal, cpus, log, Map.of(
                    "QUARKUS_REDIS_HOSTS", redis.uri(),
                    "QUARKUS_REDIS_TRUELINE_FOLLOW_HOSTS", redis.uri(),
                    "QUARKUS_REDIS_TRUELINE_FOLLOW_MAX_POOL_SIZE", pool,
                    // the writers' default pool (6 connections, 24 waiting) refuses appends at once at S1's 500
                    // streams ("Connection pool reached max wait queue size"): one connection per stream, as many
                    // more waiting
                    "QUARKUS_REDIS_MAX_POOL_SIZE", pool,
                    "QUARKUS_REDIS_MAX_POOL_WAITING", pool))
                    .with(redis.pid(), redis);
        } catch (Exception | Error e) {
            redis.close();
            throw e;
        }
    }

    private ServerProcess startApp(Scenario s, Path journal, String cpus, Path log, Map<String, String> extraEnv)
            throws Exception {
        int[] ports = FreePorts.take(2);
        int port = ports[0];
        int management = ports[1]; // health, metrics: a port of their own, as deployed
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        Map<String, String> env = new java.util.HashMap<>(extraEnv);
        env.putAll(Map.ofEntries(
                Map.entry("QUARKUS_PROFILE", "prod,bench"),
                Map.entry("QUARKUS_HTTP_PORT", Integer.toString(port)),
                Map.entry("QUARKUS_HTTP_HOST", "127.0.0.1"),
                Map.entry("QUARKUS_MANAGEMENT_PORT", Integer.toString(management)),
                Map.entry("QUARKUS_MANAGEMENT_HOST", "127.0.0.1"),
                Map.entry("TRUELINE_JOURNAL_BACKEND", journalKind),
                Map.entry("TRUELINE_JOURNAL_DIR", journal.toAbsolutePath().toString()),
                Map.entry("TRUELINE_JOURNAL_SYNC", s.sync()),
                Map.entry("TRUELINE_ADAPTER_KIND", "scripted"),
                Map.entry("TRUELINE_ADAPTER_SCRIPTED_CHUNKS", Integer.toString(s.chunks())),
                Map.entry("TRUELINE_ADAPTER_SCRIPTED_CHUNK_CHARS", Integer.toString(s.chunkBytes())),
                Map.entry("TRUELINE_ADAPTER_SCRIPTED_DELAY", s.delayMs() + "ms"),
                // the limit is the scenario's to test, not the instance's default of 512
                Map.entry("TRUELINE_TURN_MAX_CONCURRENT", Integer.toString(Math.max(512, s.concurrency() + 16)))));
        return ServerProcess.start(command, env, cpus, port,
                URI.create("http://127.0.0.1:" + management + "/q/health/ready"), log);
    }

    String journalKind() {
        return journalKind;
    }
}
