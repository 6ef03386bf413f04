package dev.trueline.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Trueline's packaged app ({@code target/quarkus-app/quarkus-run.jar}), configured the way an operator would: by
 * config keys, not prompt directives (which prod caps). It runs in the profiles {@code prod,bench}: everything of
 * prod, plus whatever only a benchmark may switch on: the no-op journal ({@code --journal noop}) refuses to start
 * without {@code bench}. The scripted model gets the scenario's chunks, chunk size and delay ({@code 0} = on demand).
 */
final class TruelineServer implements BenchServer {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final String journalKind;
    private final List<String> jvmOptions;

    /**
     * @param journalKind {@code trueline.journal.backend}: {@code file}, or {@code noop} to measure the journal's own
     *        cost against
     * @param jvmOptions extra options for the server's JVM (e.g. a JFR recording)
     */
    TruelineServer(String journalKind, List<String> jvmOptions) {
        if (!List.of("file", "noop").contains(journalKind)) {
            throw new IllegalArgumentException("--journal " + journalKind + ": file or noop");
        }
        this.journalKind = journalKind;
        this.jvmOptions = jvmOptions;
    }

    @Override
    public String name() {
        return "trueline";
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
        int port = ServerProcess.freePort();
        int management = ServerProcess.freePort(); // health, metrics: a port of their own, as deployed
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        Map<String, String> env = Map.ofEntries(
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
                Map.entry("TRUELINE_TURN_MAX_CONCURRENT", Integer.toString(Math.max(512, s.concurrency() + 16))));
        return ServerProcess.start(command, env, cpus, port,
                URI.create("http://127.0.0.1:" + management + "/q/health/ready"), log);
    }

    String journalKind() {
        return journalKind;
    }
}
