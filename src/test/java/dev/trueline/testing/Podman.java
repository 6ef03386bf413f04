package dev.trueline.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code podman} command line, always with the project's own {@code containers.conf} (written by
 * {@code src/main/docker/containers-conf.sh} under {@code target/podman/}, passed as {@code CONTAINERS_CONF}: the
 * machine's {@code /etc} is never read or changed for it). When Podman is missing or cannot run a container here,
 * {@link #require()} fails with a message saying what to install: CI must run the container tests, so they are
 * never skipped.
 */
public final class Podman {

    /**
     * The local stand-in for the UBI base image, built by {@code src/main/docker/base-image.sh}; the environment
     * variable {@code TRUELINE_BASE_IMAGE} names another, as it does for that script and {@code test.sh}.
     */
    public static final String BASE_IMAGE = Optional.ofNullable(System.getenv("TRUELINE_BASE_IMAGE"))
            .filter(s -> !s.isBlank()).orElse("localhost/trueline-base:bookworm");

    private static final Path DOCKER_DIR = Path.of("src", "main", "docker");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    private final Path conf;

    private Podman(Path conf) {
        this.conf = conf;
    }

    /** What a podman command printed and how it ended. */
    public record Result(List<String> command, int exitCode, String out, String err) {

        public boolean ok() {
            return exitCode == 0;
        }

        /** Stdout, or an AssertionError naming the command and what it printed on stderr. */
        public String orFail() {
            if (!ok()) {
                throw new AssertionError(String.join(" ", command) + " exited with " + exitCode + ":\n" + err + out);
            }
            return out.strip();
        }
    }

    /**
     * Podman with the project's containers.conf, checked to answer {@code podman info} with it; otherwise an
     * IllegalStateException saying what to install.
     */
    public static Podman require() throws IOException, InterruptedException {
        Result conf = run(List.of("bash", DOCKER_DIR.resolve("containers-conf.sh").toString(),
                Path.of("target", "podman", "containers.conf").toString()), null, DEFAULT_TIMEOUT);
        if (!conf.ok()) {
            throw new IllegalStateException("cannot write target/podman/containers.conf: " + conf.err());
        }
        Podman podman = new Podman(Path.of(conf.out().strip()));
        Result info;
        try {
            info = podman.exec("info", "--format", "{{.Host.OCIRuntime.Name}}");
        } catch (IOException notInstalled) {
            throw missing("no podman on PATH (" + notInstalled.getMessage() + ")");
        }
        if (!info.ok()) {
            throw missing("podman info failed with " + conf.out().strip() + ":\n" + info.err());
        }
        return podman;
    }

    /**
     * Builds {@link #BASE_IMAGE} with {@code src/main/docker/base-image.sh} when the image store lacks it (a few
     * minutes, once per machine); its output goes to {@code log}.
     */
    public void ensureBaseImage(Path log) throws IOException, InterruptedException {
        if (exec("image", "exists", BASE_IMAGE).ok()) {
            return;
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        Result built = run(List.of("bash", DOCKER_DIR.resolve("base-image.sh").toString()), conf,
                Duration.ofMinutes(20));
        Files.writeString(log, built.out() + built.err());
        if (!built.ok()) {
            throw new IllegalStateException("\n\n*** the base image " + BASE_IMAGE + " is missing and "
                    + "src/main/docker/base-image.sh could not build it (" + log + "): ***\n" + built.err()
                    + "\n*** ./test.sh builds it (as root on Debian) before running the tests. ***\n");
        }
    }

    /** Runs {@code podman args...}; returns what it printed, whatever its exit code. */
    public Result exec(String... args) throws IOException, InterruptedException {
        return exec(DEFAULT_TIMEOUT, args);
    }

    /** Like {@link #exec(String...)}, for commands that take longer than two minutes (an image build). */
    public Result exec(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        return run(command, conf, timeout);
    }

    /** Runs {@code podman args...} and returns its stdout; fails the test with podman's stderr if it fails. */
    public String call(String... args) throws IOException, InterruptedException {
        return exec(args).orFail();
    }

    private static Result run(List<String> command, Path conf, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (conf != null) {
            builder.environment().put("CONTAINERS_CONF", conf.toString());
        }
        Path out = Files.createTempFile("trueline-podman", ".out");
        Path err = Files.createTempFile("trueline-podman", ".err");
        try {
            // Files rather than pipes: a command that prints a lot can never block on a full pipe.
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static IllegalStateException missing(String why) {
        String message = "\n\n*** CONTAINER TESTS CANNOT RUN: " + why + " ***\n"
                + "*** Install Podman with: apt-get install -y podman runc debootstrap (./test.sh does this as root on "
                + "Debian, and writes the containers.conf these tests use; see docs/container.md). ***\n";
        System.err.println(message);
        return new IllegalStateException(message);
    }
}
