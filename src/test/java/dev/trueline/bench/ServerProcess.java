package dev.trueline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server under test as a child process of the harness, on a free port of 127.0.0.1, optionally pinned to CPUs
 * with {@code taskset} (which execs, so the child's pid is the server's). Stopped by its own pid: SIGTERM, then
 * SIGKILL after 20 s. A companion process the server depends on (the redis-server of {@code --journal redis}) is
 * stopped after it, and counted in its CPU and peak RSS ({@link #pids()}).
 */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final URI url;
    private final Path log;
    private final List<Long> companionPids = new ArrayList<>();
    private final List<AutoCloseable> companions = new ArrayList<>();

    private ServerProcess(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** {@code companion} (process {@code pid}) is stopped after the server, and measured with it. */
    ServerProcess with(long pid, AutoCloseable companion) {
        companionPids.add(pid);
        companions.add(companion);
        return this;
    }

    /**
     * Starts {@code command} with {@code env} added, output to {@code log}, and waits until {@code ready} answers
     * 200. {@code port} is the port the command was told to listen on; {@code ready} may be on another one (the
     * packaged app's health is on its management port).
     */
    static ServerProcess start(List<String> command, Map<String, String> env, String cpus, int port, URI ready,
            Path log) throws Exception {
        List<String> full = new ArrayList<>();
        if (cpus != null) {
            full.addAll(List.of("taskset", "-c", cpus));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        ServerProcess server = new ServerProcess(process, URI.create("http://127.0.0.1:" + port), log);
        server.awaitReady(ready, Duration.ofSeconds(90));
        return server;
    }

    long pid() {
        return process.pid();
    }

    /** The server's pid, then its companions': the processes whose CPU and peak RSS are the server's figures. */
    List<Long> pids() {
        List<Long> all = new ArrayList<>(List.of(process.pid()));
        all.addAll(companionPids);
        return all;
    }

    URI url() {
        return url;
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws Exception {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            for (AutoCloseable c : companions) {
                c.close();
            }
        }
    }

    private void awaitReady(URI ready, Duration timeout) throws Exception {
        // HTTP/1.1: the JDK client's default h2c upgrade header is refused by uvicorn ("Unsupported upgrade request")
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; its output ("
                        + log + "):\n" + tail());
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(ready)
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("the server did not answer " + ready + " within " + timeout + ":\n" + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
