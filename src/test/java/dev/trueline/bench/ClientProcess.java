package dev.trueline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.vertx.core.json.JsonObject;

/**
 * Runs the {@link LoadGenerator} as its own process (so it can be pinned to its own core and never shares a JVM
 * with the harness) on this JVM's class path, and reads back its JSON result. Its progress lines go to stderr.
 */
final class ClientProcess {

    private ClientProcess() {
    }

    static LoadResult run(Scenario s, Protocol protocol, ServerProcess server, String cpus, Path workDir)
            throws Exception {
        Path out = Files.createTempFile(workDir, "load-", ".json");
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        int loops = cpus == null ? Runtime.getRuntime().availableProcessors() : cpus.split(",").length;
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), LoadGenerator.class.getName(),
                "--url", server.url().toString(), "--protocol", protocol.name().toLowerCase(),
                "--mode", s.mode(), "--concurrency", Integer.toString(s.concurrency()),
                "--warmup", Double.toString(s.warmupSeconds()), "--measure", Double.toString(s.measureSeconds()),
                "--turns", Integer.toString(s.maxTurns()), "--chunks", Integer.toString(s.chunks()),
                "--ramp", Integer.toString(s.rampPerSecond()), "--server-pid",
                server.pids().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")),
                "--event-loops", Integer.toString(Math.max(1, loops)),
                "--timeout", Double.toString(s.timeoutSeconds()), "--out", out.toString(),
                "--conversation-turns", FinishedConversations.TURNS.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(","))));
        Process client = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        double bound = s.warmupSeconds() + s.measureSeconds() + s.timeoutSeconds() + 120;
        if (!client.waitFor((long) bound, TimeUnit.SECONDS)) {
            client.destroyForcibly().waitFor();
            throw new IllegalStateException("the load generator did not finish within " + bound + " s");
        }
        if (client.exitValue() != 0 || Files.size(out) == 0) {
            throw new IllegalStateException("the load generator failed with exit code " + client.exitValue());
        }
        LoadResult result = new LoadResult(new JsonObject(Files.readString(out)));
        Files.deleteIfExists(out);
        return result;
    }
}
