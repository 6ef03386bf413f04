package dev.trueline.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One Podman container of the app, published on a free port of 127.0.0.1, that a test starts, stops with SIGTERM
 * ({@code podman stop}), kills with SIGKILL ({@code podman kill -s KILL}) and starts again with the same volume and
 * port, as an operator would. Readiness is the operator's: {@code /q/health/ready} answering 200.
 */
public final class PodmanContainer {

    private static final int LOG_TAIL_LINES = 15;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Podman podman;
    private final String name;
    private final int port;
    private final int managementPort;

    private PodmanContainer(Podman podman, String name, int port, int managementPort) {
        this.podman = podman;
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
    }

    /**
     * {@code podman run -d --name name -p 127.0.0.1:<free port>:8080 -p 127.0.0.1:<free port>:9000 options... image}: created
     * and started, not
     * waited for (see {@link #awaitReady(Duration)}).
     */
    public static PodmanContainer run(Podman podman, String name, String image, List<String> options)
            throws IOException, InterruptedException {
        int[] ports = FreePorts.take(2);
        int port = ports[0];
        int managementPort = ports[1];
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name, "-p", "127.0.0.1:" + port + ":8080",
                "-p", "127.0.0.1:" + managementPort + ":9000"));
        args.addAll(options);
        args.add(image);
        podman.call(args.toArray(String[]::new));
        return new PodmanContainer(podman, name, port, managementPort);
    }

    public String name() {
        return name;
    }

    /** The app's root URI as published on the host. */
    public URI root() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** A GET of {@code path} on the app. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(root().resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET of {@code path} on the management interface (health, metrics), published on another free port. */
    public HttpResponse<String> management(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + managementPort + path);
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Waits until {@code /q/health/ready} answers 200; fails at once, with the container's log, if the container
     * stops first, and after {@code timeout} with the last readiness answer and the log.
     */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!isRunning()) {
                throw new AssertionError("container " + name + " stopped before it was ready, exit code "
                        + inspect("{{.State.ExitCode}}") + "; the end of its log:\n" + logTail());
            }
            try {
                HttpResponse<String> ready = management("/q/health/ready");
                if (ready.statusCode() == 200) {
                    return;
                }
                last = ready.statusCode() + " " + ready.body();
            } catch (IOException notYet) {
                last = notYet.toString(); // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("container " + name + " was not ready within " + timeout + "; /q/health/ready: "
                + last + "\nthe end of its log:\n" + logTail());
    }

    /** The last lines the container printed: a readiness probe that fails is logged at every poll. */
    private String logTail() throws IOException, InterruptedException {
        List<String> lines = logs().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    }

    /** {@code podman inspect --format format} of this container. */
    public String inspect(String format) throws IOException, InterruptedException {
        return podman.call("container", "inspect", "--format", format, name);
    }

    public boolean isRunning() throws IOException, InterruptedException {
        return "true".equals(inspect("{{.State.Running}}"));
    }

    /** When the container's process last exited, as the runtime recorded it. */
    public Instant finishedAt() throws IOException, InterruptedException {
        long nanos = Long.parseLong(inspect("{{.State.FinishedAt.UnixNano}}"));
        return Instant.ofEpochSecond(0, nanos);
    }

    public int exitCode() throws IOException, InterruptedException {
        return Integer.parseInt(inspect("{{.State.ExitCode}}"));
    }

    /** {@code podman stop -t grace}: SIGTERM, then SIGKILL only after {@code grace}. */
    public void stop(Duration grace) throws IOException, InterruptedException {
        podman.call("stop", "-t", Long.toString(grace.toSeconds()), name);
    }

    /** {@code podman kill -s KILL}: the process dies at once, wherever it is. */
    public void kill() throws IOException, InterruptedException {
        podman.call("kill", "-s", "KILL", name);
        podman.call("wait", name);
    }

    /** {@code podman start}: the same container again, with its volume and port. */
    public void start() throws IOException, InterruptedException {
        podman.call("start", name);
    }

    /** {@code podman exec name command...}, whatever its exit code. */
    public Podman.Result exec(String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("exec", name));
        args.addAll(List.of(command));
        return podman.exec(args.toArray(String[]::new));
    }

    /** Everything the container printed, stdout and stderr. */
    public String logs() throws IOException, InterruptedException {
        Podman.Result logs = podman.exec("logs", name);
        return logs.out() + logs.err();
    }

    /** {@code podman rm -f}: for cleanup, whatever state the container is in. */
    public void remove() throws IOException, InterruptedException {
        podman.exec("rm", "-f", "-t", "0", name);
    }
}
