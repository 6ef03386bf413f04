package dev.trueline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.trueline.adapter.scripted.ScriptedReply;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;

/**
 * Runs {@code target/quarkus-app} the way {@code src/main/docker/Dockerfile.jvm} does, with no container engine:
 * the Dockerfile's {@code COPY} instructions are replayed into a scratch root directory, and its ENTRYPOINT runs
 * unchanged with exactly its {@code ENV} (plus {@code PATH}, and {@code QUARKUS_HTTP_PORT} as {@code docker run -e}
 * would set it, so that a free port is used), in its {@code WORKDIR}, as its {@code USER} (through
 * {@code setpriv} when this test runs as root), with the journal in its {@code VOLUME}. Container paths are mapped
 * under the scratch root. Then a turn must work, the journal must be written by that user, and the console log must
 * be JSON with {@code conversation} and {@code turn} on every line a turn causes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerfileJvmEntrypointIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");

    private Dockerfile dockerfile;
    private Path rootfs;
    private Path journal;
    private Path stdout;
    private Process app;
    private URI root;
    /** The management interface (health probes), on a port of its own. */
    private URI management;
    private Integer uid;

    @BeforeAll
    void start() throws Exception {
        dockerfile = Dockerfile.parse(DOCKERFILE);
        rootfs = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "rootfs-");
        Files.setPosixFilePermissions(rootfs, PosixFilePermissions.fromString("rwxr-xr-x"));
        uid = runAsUid();
        for (Dockerfile.Copy copy : dockerfile.copies()) {
            replay(copy);
        }
        assertEquals(1, dockerfile.volumes().size(), "one volume: the journal");
        journal = inRoot(dockerfile.volumes().get(0));
        Files.createDirectories(journal);
        own(journal);
        Path home = Files.createDirectories(rootfs.resolve("home"));
        own(home);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (ServerSocket free = new ServerSocket(0)) {
            management = URI.create("http://localhost:" + free.getLocalPort() + "/");
        }

        List<String> command = new ArrayList<>();
        if (uid != null) {
            command.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--"));
        }
        dockerfile.command().forEach(word -> command.add(mapPaths(word)));
        ProcessBuilder builder = new ProcessBuilder(command).directory(inRoot(dockerfile.workdir()).toFile());
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path);
        env.put("HOME", home.toString());
        dockerfile.env().forEach((k, v) -> env.put(k, mapPaths(v)));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management.getPort()));
        stdout = rootfs.resolve("stdout.log");
        builder.redirectOutput(stdout.toFile()).redirectError(rootfs.resolve("stderr.log").toFile());
        app = builder.start();
        root = URI.create("http://localhost:" + port + "/");
        awaitStarted();
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null && app.isAlive()) {
            app.destroy(); // SIGTERM, as docker stop sends
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (rootfs != null) { // keep the logs and the journal for a post-mortem, not the copy of the app
            for (Dockerfile.Copy copy : dockerfile.copies()) {
                Path copied = inRoot(copy.destination());
                if (Files.exists(copied)) {
                    try (Stream<Path> tree = Files.walk(copied)) {
                        for (Path p : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.delete(p);
                        }
                    }
                }
            }
        }
    }

    @Test
    void entrypointServesATurnAsTheImageUserWithTheJournalInTheVolume() throws Exception {
        assertEquals("/var/lib/trueline/journal", dockerfile.env().get("TRUELINE_JOURNAL_DIR"));
        assertFalse(dockerfile.user().equals("root") || dockerfile.user().equals("0"), "the image runs as root");
        String cid = "container-turn";
        String prompt = "Hello container #chunks=4 #delay-ms=5";

        List<SseEvent> events;
        try (RawSseClient turn = RawSseClient.startTurn(root, cid, prompt)) {
            assertEquals(200, turn.status(), turn.errorBody());
            events = turn.rest();
        }
        assertEquals("end", events.get(events.size() - 1).event(), events.toString());
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> "chunk".equals(e.event())).forEach(e -> text.append(e.json().getString("text")));
        assertEquals(ScriptedReply.text(prompt, 4), text.toString());
        Path file = journal.resolve(cid + ".jsonl");
        assertTrue(Files.exists(file), "no journal file in the volume: " + file);
        if (uid != null) {
            assertEquals(uid, Files.getAttribute(file, "unix:uid"), "journal not written by the image's user");
        }
    }

    @Test
    void consoleLogIsJsonAndEveryLineATurnCausesNamesConversationAndTurn() throws Exception {
        String ok = "container-log-ok";
        String failing = "container-log-fail";
        try (RawSseClient turn = RawSseClient.startTurn(root, ok, "Log me #chunks=3 #delay-ms=5")) {
            assertEquals(200, turn.status());
            turn.rest();
        }
        try (RawSseClient turn = RawSseClient.startTurn(root, failing, "Fail me #chunks=5 #fail-after=2 #delay-ms=5")) {
            turn.rest();
        }
        List<JsonNode> lines = awaitLogLines(l -> mentions(l, failing) && l.path("level").asText().equals("WARN"));

        List<JsonNode> caused = lines.stream().filter(l -> mentions(l, ok) || mentions(l, failing)).toList();
        assertTrue(caused.size() >= 4, "expected start and end lines of both turns, got " + caused);
        for (JsonNode line : caused) {
            String cid = mentions(line, ok) ? ok : failing;
            assertEquals(cid, line.path("mdc").path("conversation").asText(), line.toString());
            assertEquals("1", line.path("mdc").path("turn").asText(), line.toString());
        }
        assertTrue(caused.stream().anyMatch(l -> mentions(l, failing)
                && l.path("message").asText().contains("upstream_failed")), "no failure line: " + caused);
    }

    private static boolean mentions(JsonNode line, String cid) {
        return line.path("message").asText().contains(cid);
    }

    /** Every stdout line so far, each parsed as JSON (a line that is not JSON fails the test), once one matches. */
    private List<JsonNode> awaitLogLines(java.util.function.Predicate<JsonNode> until) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(stdout)) {
                if (!line.isBlank()) {
                    JsonNode json = JSON.readTree(line);
                    assertTrue(json.isObject() && json.has("level") && json.has("message"), "not a JSON log: " + line);
                    lines.add(json);
                }
            }
            if (lines.stream().anyMatch(until) || Instant.now().isAfter(deadline)) {
                return lines;
            }
            Thread.sleep(100);
        }
    }

    private void awaitStarted() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            if (!app.isAlive()) {
                throw new AssertionError("the entrypoint exited with " + app.exitValue() + ":\n"
                        + Files.readString(rootfs.resolve("stderr.log")) + Files.readString(stdout));
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(management.resolve("/q/health/started")).timeout(Duration.ofSeconds(60))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the app did not start in time:\n" + Files.readString(stdout));
    }

    /** COPY: sources relative to the build context (the project), globs in the last path element. */
    private void replay(Dockerfile.Copy copy) throws IOException {
        Path destination = inRoot(copy.destination());
        for (String source : copy.sources()) {
            Path pattern = Path.of(source);
            Path parent = pattern.getParent() == null ? Path.of(".") : pattern.getParent();
            String glob = pattern.getFileName().toString();
            try (Stream<Path> matches = Files.list(parent)) {
                for (Path match : matches.filter(p -> parent.getFileSystem().getPathMatcher("glob:" + glob)
                        .matches(p.getFileName())).toList()) {
                    // as docker does: a directory's contents go into the destination, a file goes inside it
                    Path target = Files.isDirectory(match) ? destination : destination.resolve(match.getFileName());
                    copyTree(match, target);
                }
            }
        }
    }

    private void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path p : tree.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target);
                }
                own(target);
            }
        }
    }

    private Path inRoot(String containerPath) {
        return rootfs.resolve(containerPath.replaceFirst("^/+", ""));
    }

    /** Container paths named by the Dockerfile (COPY destinations, VOLUME, WORKDIR) mapped under the root. */
    private String mapPaths(String value) {
        List<String> roots = new ArrayList<>(dockerfile.volumes());
        roots.add(dockerfile.workdir());
        dockerfile.copies().forEach(c -> roots.add(c.destination()));
        String mapped = value;
        for (String root : roots.stream().map(r -> r.replaceAll("/+$", "")).distinct()
                .sorted((a, b) -> b.length() - a.length()).toList()) {
            mapped = mapped.replaceAll("(?<![\\w/.-])" + java.util.regex.Pattern.quote(root) + "(?=/|\\s|$)",
                    java.util.regex.Matcher.quoteReplacement(inRoot(root).toString()));
        }
        return mapped;
    }

    /** The image's USER, when this test can switch to it (running as root with setpriv); else null. */
    private Integer runAsUid() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            return null; // already a non-root user
        }
        Process which = new ProcessBuilder("sh", "-c", "command -v setpriv").start();
        if (which.waitFor() != 0) {
            return null;
        }
        return Integer.parseInt(dockerfile.user().split(":")[0]);
    }

    private void own(Path path) throws IOException {
        if (uid != null) {
            Files.setAttribute(path, "unix:uid", uid);
            Files.setAttribute(path, "unix:gid", uid);
        }
    }
}
