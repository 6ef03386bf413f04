package dev.trueline.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} (Debian's package) as a child process on a free 127.0.0.1 port, with its own temporary
 * directory: no persistence unless a test asks for it, no Dev Services, no container. Stopped by its PID on
 * {@link #close()}. A machine without redis-server fails the test saying what to install; it never skips. A test may
 * start a replica of one ({@link #startReplica()}), and pause and resume a server by its PID (SIGSTOP, SIGCONT).
 */
public final class RedisServer implements AutoCloseable {

    private static final Path SERVER = Path.of(System.getenv().getOrDefault("TRUELINE_REDIS_SERVER",
            "/usr/bin/redis-server"));

    private final List<String> command;
    private final int port;
    private final Path dir;
    private volatile Process process;

    private RedisServer(List<String> command, int port, Path dir) {
        this.command = command;
        this.port = port;
        this.dir = dir;
    }

    /** A server with nothing persisted ({@code --save '' --appendonly no}). */
    public static RedisServer start() throws IOException {
        return start(List.of("--save", "", "--appendonly", "no"));
    }

    /** A server with {@code options} appended to its command line (say, {@code --appendonly yes}). */
    public static RedisServer start(List<String> options) throws IOException {
        return start(null, options);
    }

    /**
     * A server on {@code cpus} ({@code taskset -c} list; null for any), with {@code options} appended to its command
     * line. {@code taskset} execs redis-server, so {@link #pid()} is still the server's own.
     */
    public static RedisServer start(String cpus, List<String> options) throws IOException {
        if (!Files.isExecutable(SERVER)) {
            throw new AssertionError(SERVER + " not found: install it (apt-get install redis-server; ./test.sh does"
                    + " as root) or point TRUELINE_REDIS_SERVER at one");
        }
        Path dir = Files.createTempDirectory("trueline-redis-");
        int port = FreePorts.one();
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.addAll(List.of(SERVER.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--daemonize", "no", "--protected-mode", "yes",
                "--logfile", dir.resolve("redis.log").toString()));
        command.addAll(options);
        RedisServer server = new RedisServer(List.copyOf(command), port, dir);
        server.launch();
        return server;
    }

    /**
     * SIGKILL to this server's PID: it dies at once, as in a crash or an OOM kill, with whatever it had not persisted
     * yet. {@link #restart()} starts it again.
     */
    public void kill() throws IOException {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Starts the server again with the same command line, port and directory (so it loads what it persisted there),
     * after a {@link #kill()}; waits until it answers PING, which it does only once its data is loaded.
     */
    public void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " still runs");
        }
        launch();
    }

    /**
     * A second redis-server, a replica of this one ({@code --replicaof}, no persistence), once this server reports
     * it online: it has loaded this one's data and receives its writes.
     */
    public RedisServer startReplica() throws IOException {
        long before = connectedReplicas();
        RedisServer replica = start(List.of("--save", "", "--appendonly", "no", "--replicaof", "127.0.0.1",
                Integer.toString(port)));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (connectedReplicas() <= before) {
            if (System.nanoTime() > deadline) {
                replica.close();
                throw new IOException("replica on port " + replica.port + " never came online: " + info());
            }
            sleep(20);
        }
        return replica;
    }

    /** Stops the server in its tracks ({@code kill -STOP <pid>}): it holds its connections and answers nothing. */
    public void pause() throws IOException {
        signal("STOP");
    }

    /** Lets a paused server go on ({@code kill -CONT <pid>}). */
    public void resume() throws IOException {
        signal("CONT");
    }

    /** The directory the server runs in (its {@code --dir}): where its append-only file and dump go. */
    public Path dir() {
        return dir;
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile())).start();
        awaitPong(Duration.ofSeconds(20));
    }

    /** The replicas this server reports online ({@code INFO replication}). */
    private long connectedReplicas() throws IOException {
        return info().lines().filter(l -> l.startsWith("slave") && l.contains("state=online")).count();
    }

    private String info() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("INFO replication\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            var in = socket.getInputStream();
            StringBuilder header = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("redis-server closed the connection");
                }
                header.append((char) c);
            }
            int length = Integer.parseInt(header.substring(1).trim()); // "$<length>\r"
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }

    private void signal(String signal) throws IOException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IOException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The connection string for a client: {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            try {
                signal("CONT"); // a paused server would not act on the SIGTERM
            } catch (IOException exitedMeanwhile) {
                // nothing to resume
            }
        }
        process.destroy(); // SIGTERM to this PID only
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void awaitPong(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("stdout.log")) + readLog());
            }
            try {
                if (pongs()) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("redis-server on port " + port + " did not answer PING: " + readLog());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private String readLog() throws IOException {
        Path log = dir.resolve("redis.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Whether the server answers a PING: it is listening and has loaded its data. */
    private boolean pongs() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] reply = new byte[7];
            int n = socket.getInputStream().readNBytes(reply, 0, reply.length);
            return new String(reply, 0, n, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        }
    }

}
