package dev.trueline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import dev.trueline.adapter.scripted.ScriptedReply;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.JournalInvariants;
import dev.trueline.testing.Podman;
import dev.trueline.testing.PodmanContainer;
import dev.trueline.testing.PodmanVolume;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.vertx.core.json.JsonObject;

/**
 * The JVM image, built with Podman from {@code src/main/docker/Dockerfile.jvm} unchanged on the local base image
 * ({@code src/main/docker/base-image.sh}, built once per machine), checked as an operator runs it: read-only root
 * file system with only the journal volume and a tmpfs writable, {@code --memory 512m --cpus 1}. Ready in time, a
 * turn streams to its end into the volume as the image's non-root user, the JVM is sized by the container's limits,
 * 200 streams at once all end, {@code podman stop} ends running turns as {@code aborted}/{@code shutdown}, and
 * {@code podman kill -s KILL} then {@code podman start} heals them as {@code server_stopped}. The image, container and
 * volume carry one random {@code trueline-it-} name and are removed afterwards; figures go to
 * {@code target/container-it/figures.txt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerImageIT {

    private static final String NAME = "trueline-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String IMAGE = "localhost/" + NAME + ":jvm";
    private static final Path LOGS = Path.of("target", "container-it");
    private static final String JOURNAL = "/var/lib/trueline/journal";
    /** The image's USER (Dockerfile.jvm), which must own the journal files. */
    private static final int IMAGE_UID = 185;
    private static final long MEMORY_LIMIT = 512L * 1024 * 1024;
    /** What an operator would give a start-up probe on a busy node (README "Operate": 30 x 2 s). */
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);
    /** {@code quarkus.shutdown.timeout} as the image ships it (application.properties). */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    /** Long enough to be stopped or killed mid-way, within demo-sized directive caps. */
    private static final String LONG_TURN = " #chunks=1000 #delay-ms=20";
    private static final int LOAD_STREAMS = 200;
    /** About 4 s per stream, so that all of them overlap. */
    private static final String LOAD_TURN = " #chunks=200 #delay-ms=20";
    private static final Duration PATIENCE = Duration.ofSeconds(180);

    private final Figures figures = new Figures(LOGS.resolve("figures.txt"));
    private Podman podman;
    private PodmanVolume volume;
    private PodmanContainer app;

    @BeforeAll
    void buildTheImageAndRunIt() throws Exception {
        podman = Podman.require();
        podman.ensureBaseImage(LOGS.resolve("base-image.log"));
        Instant building = Instant.now();
        Podman.Result build = podman.exec(Duration.ofMinutes(10), "build", "--pull=never", "--from",
                Podman.BASE_IMAGE, "-f", "src/main/docker/Dockerfile.jvm", "-t", IMAGE, ".");
        figures.write(LOGS.resolve("build.log"), build.out() + build.err());
        build.orFail();
        figures.add("image build (podman build, base cached)", Duration.between(building, Instant.now()));
        long size = Long.parseLong(podman.call("image", "inspect", "--format", "{{.Size}}", IMAGE));
        long base = Long.parseLong(podman.call("image", "inspect", "--format", "{{.Size}}", Podman.BASE_IMAGE));
        figures.add("image size", mib(size) + " (base " + mib(base) + ", app layers " + mib(size - base) + ")");

        volume = PodmanVolume.create(podman, NAME + "-journal");
        Instant starting = Instant.now();
        // --read-only-tmpfs=false: Podman would otherwise add writable /run and /var/tmp; Docker does not.
        app = PodmanContainer.run(podman, NAME, IMAGE, List.of("--read-only", "--read-only-tmpfs=false", "--tmpfs",
                "/tmp", "--memory", "512m", "--cpus", "1", "-v", volume.name() + ":" + JOURNAL));
        app.awaitReady(READY_WITHIN);
        figures.add("start to ready (podman run to /q/health/ready 200)", Duration.between(starting, Instant.now()));
    }

    @AfterAll
    void removeWhatThisTestCreated() throws Exception {
        if (app != null) {
            figures.write(LOGS.resolve("container.log"), app.logs());
            app.remove();
        }
        if (volume != null) {
            volume.remove();
        }
        if (podman != null) {
            podman.exec("rmi", "-f", IMAGE); // the base image stays cached for the next run
        }
        figures.save();
    }

    @Test
    @Order(1)
    void runsAsTheImageUserOnAReadOnlyRootWithTheJvmSizedByTheContainerLimits() throws Exception {
        assertEquals(Integer.toString(IMAGE_UID), podman.call("image", "inspect", "--format", "{{.Config.User}}",
                IMAGE), "the image's USER");
        assertEquals("true " + MEMORY_LIMIT + " 1000000000",
                app.inspect("{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.Memory}} {{.HostConfig.NanoCpus}}"));
        for (String elsewhere : List.of("/deployments/written", "/var/tmp/written", "/run/written")) {
            Podman.Result write = app.exec("touch", elsewhere);
            assertFalse(write.ok(), elsewhere + " is writable");
            assertTrue(write.err().contains("Read-only file system"), write.err());
        }
        assertTrue(app.exec("touch", "/tmp/written").ok(), "/tmp (the tmpfs) is not writable");

        // Dockerfile.jvm's JAVA_OPTS: heap at 75% of the container's memory limit, the serial collector (whose
        // old generation is the pool "Tenured Gen"), so the JVM saw the limit and not the host's memory.
        PrometheusText metrics = PrometheusText.parse(app.management("/q/metrics").body());
        double heap = metrics.value("jvm_memory_max_bytes", "area", "heap", "id", "Tenured Gen")
                + metrics.value("jvm_memory_max_bytes", "area", "heap", "id", "Eden Space")
                + metrics.value("jvm_memory_max_bytes", "area", "heap", "id", "Survivor Space");
        assertTrue(metrics.value("jvm_memory_max_bytes", "area", "heap", "id", "Tenured Gen") > 0,
                "not the serial collector (no Tenured Gen pool)");
        assertTrue(heap > 0.70 * MEMORY_LIMIT && heap <= 0.75 * MEMORY_LIMIT, "max heap " + mib((long) heap)
                + " is not about 75% of the 512 MiB limit");
        figures.add("max heap (jvm_memory_max_bytes, serial collector)", mib((long) heap));
    }

    @Test
    @Order(2)
    void aTurnStreamsToItsEndIntoTheVolumeOwnedByTheImageUser() throws Exception {
        String cid = JournalFiles.newId("ctr-turn");
        String prompt = "Hello container #chunks=8 #delay-ms=5";
        RawSseClient turn = RawSseClient.streamTurn(app.root(), cid, prompt);
        assertTrue(turn.await(PATIENCE), "the turn did not end");
        assertEquals(200, turn.status(), turn.errorBody());
        assertEquals("end", turn.last().event(), turn.received().toString());
        assertEquals(ScriptedReply.text(prompt, 8), String.join("", texts(turn)));

        String file = cid + ".jsonl";
        assertTrue(volume.exists(file), "no " + file + " in the volume " + volume.name());
        assertEquals(IMAGE_UID, volume.owner(file), "the journal is not written by the image's user");
        JournalInvariants.check(JournalFiles.parse(volume.read(file)), 1, texts(turn));
    }

    @Test
    @Order(3)
    void twoHundredStreamsAtOnceAllEndWithinOneCpuAnd512MiB() throws Exception {
        ensureRunning();
        List<String> cids = new ArrayList<>();
        List<RawSseClient> streams = new ArrayList<>();
        Instant started = Instant.now();
        try {
            for (int i = 0; i < LOAD_STREAMS; i++) {
                cids.add(JournalFiles.newId("ctr-load"));
                streams.add(RawSseClient.streamTurn(app.root(), cids.get(i), "load " + i + LOAD_TURN));
            }
            // At once: every stream has begun and none has ended, and the app counts them all open.
            awaitChunks(streams, 1);
            double active = PrometheusText.parse(app.management("/q/metrics").body()).value("trueline_streams_active");
            assertEquals(LOAD_STREAMS, (int) active, "trueline_streams_active while all streams run");
            for (int i = 0; i < LOAD_STREAMS; i++) {
                RawSseClient s = streams.get(i);
                assertTrue(s.await(PATIENCE), cids.get(i) + " did not end within " + PATIENCE);
                assertEquals(200, s.status(), cids.get(i) + ": " + s.errorBody());
                assertEquals("end", s.last().event(), cids.get(i) + ": " + s.last());
                assertTrue(s.endedCleanly(), cids.get(i) + ": the stream was cut");
            }
            figures.add(LOAD_STREAMS + " concurrent streams of" + LOAD_TURN + ", from the first POST to the last end",
                    Duration.between(started, Instant.now()));
            for (int i = 0; i < LOAD_STREAMS; i++) {
                JournalInvariants.check(JournalFiles.parse(volume.read(cids.get(i) + ".jsonl")), 1,
                        texts(streams.get(i)));
            }
        } finally {
            streams.forEach(RawSseClient::closeQuietly);
        }
        assertEquals("false", app.inspect("{{.State.OOMKilled}}"));
        // The peak of the container's memory cgroup (the JVM and the page cache of the journal files it wrote):
        // cgroup v1 keeps it as max_usage_in_bytes, cgroup v2 as memory.peak on newer kernels.
        Podman.Result peak = app.exec("sh", "-c", "cat /sys/fs/cgroup/memory/memory.max_usage_in_bytes 2>/dev/null"
                + " || cat /sys/fs/cgroup/memory.peak");
        figures.add("container memory peak (cgroup, since start) after the load", peak.ok()
                ? mib(Long.parseLong(peak.out().strip()))
                : "not readable: " + peak.err());
    }

    @Test
    @Order(4)
    void podmanStopMidTurnSendsShuttingDownJournalsAbortedShutdownAndExitsWithinTheTimeout() throws Exception {
        ensureRunning();
        List<String> cids = new ArrayList<>();
        List<RawSseClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                cids.add(JournalFiles.newId("ctr-stop"));
                streams.add(RawSseClient.streamTurn(app.root(), cids.get(i), "stop me " + i + LONG_TURN));
            }
            awaitChunks(streams, 3);

            Instant signalled = Instant.now();
            app.stop(SHUTDOWN_TIMEOUT.multipliedBy(3)); // podman's own SIGKILL comes only well after the timeout
            Duration exit = Duration.between(signalled, app.finishedAt());
            figures.add("podman stop with 5 running turns: SIGTERM to exit", exit);
            assertEquals(143, app.exitCode(), "not an exit on SIGTERM (128 + 15)");
            assertTrue(exit.compareTo(SHUTDOWN_TIMEOUT) < 0, "exited " + exit + " after SIGTERM, timeout "
                    + SHUTDOWN_TIMEOUT);

            for (int i = 0; i < streams.size(); i++) {
                RawSseClient s = streams.get(i);
                assertTrue(s.await(PATIENCE), cids.get(i) + ": the stream did not end");
                assertEquals("error", s.last().event(), cids.get(i) + ": " + s.last());
                assertEquals("shutting_down", s.last().json().getString("code"));
                assertTrue(s.endedCleanly(), cids.get(i) + ": the stream was reset, not ended");
                JsonObject aborted = JournalInvariants.check(JournalFiles.parse(volume.read(cids.get(i) + ".jsonl")),
                        1, texts(s));
                assertEquals("aborted", aborted.getString("type"), cids.get(i) + ": " + aborted);
                assertEquals("shutdown", aborted.getString("reason"), cids.get(i) + ": " + aborted);
            }
        } finally {
            streams.forEach(RawSseClient::closeQuietly);
        }
    }

    @Test
    @Order(5)
    void killMidTurnThenStartHealsTheTurnAsServerStoppedAndANewTurnWorks() throws Exception {
        ensureRunning();
        List<String> cids = new ArrayList<>();
        List<RawSseClient> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                cids.add(JournalFiles.newId("ctr-kill"));
                streams.add(RawSseClient.streamTurn(app.root(), cids.get(i), "kill me " + i + LONG_TURN));
            }
            awaitChunks(streams, 3);
            app.kill();
            assertEquals(137, app.exitCode(), "not an exit by SIGKILL (128 + 9)");
            for (RawSseClient s : streams) {
                assertTrue(s.await(PATIENCE), "a client never noticed the dead container");
                assertFalse(s.endedCleanly(), "a stream ended cleanly although the container was killed");
            }

            restart("after SIGKILL");
            for (int i = 0; i < streams.size(); i++) {
                String cid = cids.get(i);
                List<String> received = texts(streams.get(i));
                int journaled = JournalInvariants.checkUnterminated(JournalFiles.parse(volume.read(cid + ".jsonl")), 1,
                        received);
                JsonObject answer = new JsonObject(app.get("/api/conversations/" + cid).body()).getJsonArray(
                        "messages").getJsonObject(1);
                assertEquals("interrupted", answer.getString("status"), cid + ": " + answer);
                assertEquals("server_stopped", answer.getString("reason"), cid + ": " + answer);
                assertEquals(journaled, answer.getInteger("chunks"), cid + ": " + answer);
                assertTrue(answer.getString("text").startsWith(String.join("", received)), cid + ": lost text");

                RawSseClient next = RawSseClient.streamTurn(app.root(), cid, "after the kill #chunks=3 #delay-ms=1");
                assertTrue(next.await(PATIENCE), cid + ": the new turn did not end");
                assertEquals("end", next.last().event(), cid + ": " + next.received());
                assertEquals(2, next.last().json().getInteger("turn"));
                JournalInvariants.check(JournalFiles.parse(volume.read(cid + ".jsonl")), 2, texts(next));
            }
        } finally {
            streams.forEach(RawSseClient::closeQuietly);
        }
    }

    /** Each test starts from a running container, whatever the one before it left. */
    private void ensureRunning() throws Exception {
        if (!app.isRunning()) {
            restart("of the stopped container");
        }
    }

    private void restart(String why) throws Exception {
        Instant starting = Instant.now();
        app.start();
        app.awaitReady(READY_WITHIN);
        figures.add("podman start to ready, " + why, Duration.between(starting, Instant.now()));
    }

    private static void awaitChunks(List<RawSseClient> streams, int chunks) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!streams.stream().allMatch(s -> s.chunks().size() >= chunks) && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        for (RawSseClient s : streams) {
            assertTrue(s.chunks().size() >= chunks, "a stream got only " + s.chunks().size() + " chunks: "
                    + s.received() + " " + s.errorBody());
            assertFalse(s.isFinished(), "a stream ended before all of them had begun: " + s.last());
        }
    }

    private static List<String> texts(RawSseClient client) {
        return client.chunks().stream().map(SseEvent::json).map(c -> c.getString("text")).toList();
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB (%.0f MB)", bytes / 1024.0 / 1024.0, bytes / 1e6);
    }
}
