package dev.trueline.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real nginx (Debian's {@code /usr/sbin/nginx}, or {@code TRUELINE_NGINX}) in front of Trueline replicas, run with
 * the repository's own {@code deploy/nginx/trueline.conf}: the file is copied with only its replica list, its
 * {@code listen} line and its access log path replaced, so the configuration the tests pass is the one operators
 * get. It runs in the foreground ({@code daemon off}) in a temporary directory of its own ({@code -p}), on a free
 * 127.0.0.1 port, and is stopped by its master's PID. A machine without nginx fails the test saying what to
 * install; it never skips.
 */
public final class Nginx implements AutoCloseable {

    /** The configuration operators use, which the tests run. */
    public static final Path CONFIG = Path.of("deploy", "nginx", "trueline.conf");

    private static final Path NGINX = Path.of(System.getenv().getOrDefault("TRUELINE_NGINX", "/usr/sbin/nginx"));
    private static final String REPLICAS_BEGIN = "    # replicas: begin\n";
    private static final String REPLICAS_END = "    # replicas: end\n";

    private final Process process;
    private final int port;
    private final Path dir;

    private Nginx(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** nginx balancing over {@code replicas} (their public ports on 127.0.0.1), its files under {@code dir}. */
    public static Nginx start(List<Integer> replicas, Path where) throws IOException {
        Path dir = where.toAbsolutePath();
        if (!Files.isExecutable(NGINX)) {
            throw new AssertionError(NGINX + " not found: install it (apt-get install nginx; ./test.sh does as"
                    + " root) or point TRUELINE_NGINX at one");
        }
        Files.createDirectories(dir.resolve("temp"));
        int port = FreePorts.one();
        String servers = replicas.stream().map(p -> "    server 127.0.0.1:" + p + ";\n").collect(Collectors.joining());
        String site = Files.readString(CONFIG);
        int begin = site.indexOf(REPLICAS_BEGIN);
        int end = site.indexOf(REPLICAS_END);
        if (begin < 0 || end < begin) {
            throw new AssertionError(CONFIG + " lost its '# replicas: begin' / '# replicas: end' lines");
        }
        site = site.substring(0, begin + REPLICAS_BEGIN.length()) + servers + site.substring(end);
        site = replaceOnce(site, "    listen 80;\n", "    listen 127.0.0.1:" + port + ";\n");
        site = replaceOnce(site, "/var/log/nginx/trueline.access.log", dir.resolve("access.log").toString());
        Files.writeString(dir.resolve("trueline.conf"), site);
        // The main context a distribution's nginx.conf gives the site: one worker, so round-robin is one sequence.
        String temp = dir.resolve("temp").toString();
        Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                "daemon off;",
                "worker_processes 1;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + " notice;",
                "events { worker_connections 2048; }",
                "http {",
                "    client_body_temp_path " + temp + "/body;",
                "    proxy_temp_path " + temp + "/proxy;",
                "    fastcgi_temp_path " + temp + "/fastcgi;",
                "    uwsgi_temp_path " + temp + "/uwsgi;",
                "    scgi_temp_path " + temp + "/scgi;",
                "    include " + dir.resolve("trueline.conf") + ";",
                "}", ""));
        Process process = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c",
                dir.resolve("nginx.conf").toString(), "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        Nginx nginx = new Nginx(process, port, dir);
        nginx.awaitListening(Duration.ofSeconds(20));
        return nginx;
    }

    /** {@code path} through nginx. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The root, {@code http://127.0.0.1:<port>/}. */
    public URI root() {
        return uri("/");
    }

    public long pid() {
        return process.pid();
    }

    /** The access log's lines so far, in the {@code trueline} format of the configuration. */
    public List<String> accessLog() throws IOException {
        Path log = dir.resolve("access.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** What nginx wrote to its error log. */
    public String errorLog() throws IOException {
        Path log = dir.resolve("error.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** SIGTERM to the master's PID (a fast shutdown: it stops its workers), then waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String replaceOnce(String text, String literal, String replacement) {
        int at = text.indexOf(literal);
        if (at < 0 || text.indexOf(literal, at + 1) >= 0) {
            throw new AssertionError(CONFIG + " no longer has exactly one '" + literal.strip() + "'");
        }
        return text.substring(0, at) + replacement + text.substring(at + literal.length());
    }

    private void awaitListening(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("nginx exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("stdout.log")) + errorLog());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("nginx did not listen on " + port + " within " + timeout + ": " + errorLog());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /**
     * One line of the access log ({@code trueline} format): the request, its status, and the port of the replica
     * that answered it (the last one when nginx tried several; -1 when none did).
     */
    public record AccessLine(String method, String path, int status, int upstreamPort) {

        public static AccessLine parse(String line) {
            int open = line.indexOf('"');
            int close = line.indexOf('"', open + 1);
            String[] request = line.substring(open + 1, close).split(" ");
            int status = Integer.parseInt(line.substring(close + 2).split(" ")[0]);
            String upstreams = line.substring(line.indexOf(" upstream=") + " upstream=".length(),
                    line.indexOf(" upstream_status="));
            String last = upstreams.substring(upstreams.lastIndexOf(',') + 1).strip();
            int port = last.matches(".*:\\d+") ? Integer.parseInt(last.substring(last.lastIndexOf(':') + 1)) : -1;
            return new AccessLine(request[0], request[1], status, port);
        }
    }
}
