package dev.trueline.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@code target/quarkus-app/quarkus-run.jar}) as a real child process on a free port (and
 * its management interface on another),
 * so tests can stop it (SIGTERM), kill it (SIGKILL) and start it again on the same journal directory. Its output
 * goes to a temporary file, or to a log file of the test's choosing that stays for post-mortems.
 */
public final class AppProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;

    private AppProcess(Process process, int port, int managementPort, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /** Starts the jar with {@code trueline.journal.dir=journal} plus {@code props}, and waits until it answers. */
    public static AppProcess start(Path journal, Map<String, String> props) throws Exception {
        return start(journal, props, Files.createTempFile("trueline-app", ".log"));
    }

    /**
     * Like {@link #start(Path, Map)}, with the output in {@code log} (its directory is created; a fresh file per
     * start, so give each start its own name to keep every log for a post-mortem).
     */
    public static AppProcess start(Path journal, Map<String, String> props, Path log) throws Exception {
        return start(journal, List.of(), props, log);
    }

    /** Like {@link #start(Path, Map, Path)}, with {@code jvmOptions} (such as {@code -Xmx256m}) before the jar. */
    public static AppProcess start(Path journal, List<String> jvmOptions, Map<String, String> props, Path log)
            throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the packaged-app tests with ./mvnw verify");
        }
        int[] ports = FreePorts.take(2);
        int port = ports[0];
        int managementPort = ports[1];
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + managementPort,
                "-Dtrueline.journal.dir=" + journal.toAbsolutePath()));
        command.addAll(jvmOptions);
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        Path parent = log.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AppProcess app = new AppProcess(process, port, managementPort, log);
        app.awaitReady(Duration.ofSeconds(60));
        return app;
    }

    /** What a one-shot command of the packaged app printed, and its exit status. */
    public record CommandResult(int status, String output) {
    }

    /**
     * Runs the jar as a one-shot command ({@code java -D<props>... -jar quarkus-run.jar <args>}) and waits at most two
     * minutes for it to exit.
     */
    public static CommandResult command(Map<String, String> props, String... args) throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the packaged-app tests with ./mvnw verify");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        props.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("trueline-command", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("command " + List.of(args) + " did not exit: " + Files.readString(out));
        }
        return new CommandResult(process.exitValue(), Files.readString(out));
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public int port() {
        return port;
    }

    /** {@code path} on the management interface (health, metrics, OpenAPI), which the packaged app serves apart. */
    public URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    /** A GET of {@code path} on the management interface. */
    public HttpResponse<String> management(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(managementUri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET of {@code path} on the app. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public Process process() {
        return process;
    }

    /** What the process printed so far. */
    public String output() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM, then waits for the process to exit; returns its exit code. */
    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the app did not exit within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGTERM; returns how long the process took to exit, or null if it did not within {@code patience}. */
    public Duration terminate(Duration patience) throws InterruptedException {
        Instant sent = Instant.now();
        process.destroy();
        return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS) ? Duration.between(sent, Instant.now())
                : null;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * SIGSTOP to this process's PID: it stops wherever it is (as in a long GC pause, or a VM frozen by its host), its
     * sockets stay open and nothing it holds is given back, until {@link #resume()}.
     */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT: a {@link #pause() paused} process runs on from where it stopped, its timers all overdue. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** SIGKILL: the process dies at once, wherever it is. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {

            process.destroyForcibly();
            process.waitFor();
        }
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the app exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                // the management interface's startup probe: it answers in every access-control mode
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(managementUri("/q/health/started"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the app did not answer within " + timeout + ":\n" + output());
    }

}
