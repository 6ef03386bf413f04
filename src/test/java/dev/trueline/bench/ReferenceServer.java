package dev.trueline.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.trueline.testing.FreePorts;

/**
 * The reference design (FastAPI + uvicorn, {@code shared/peers/fastapi-reference/run.sh}), started as its README
 * says, with Debian's {@code /usr/bin/python3} (bench/run.sh installs its packages when missing). One worker when
 * pinned to one core, two when the scenario uses both cores.
 */
final class ReferenceServer implements BenchServer {

    private final Path dir;

    ReferenceServer(Path dir) {
        this.dir = dir;
    }

    /** {@code $TRUELINE_REFERENCE_DIR}, or {@code ../shared/peers/fastapi-reference} beside the repository. */
    static Path defaultDir() {
        String set = System.getenv("TRUELINE_REFERENCE_DIR");
        return Path.of(set != null ? set : "../shared/peers/fastapi-reference").toAbsolutePath().normalize();
    }

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public Protocol protocol() {
        return Protocol.REFERENCE;
    }

    @Override
    public ServerProcess start(Scenario s, Path journal, String cpus, Path log) throws Exception {
        Path script = dir.resolve("run.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("the reference is not at " + dir + " (set TRUELINE_REFERENCE_DIR)");
        }
        Process check = new ProcessBuilder("/usr/bin/python3", "-c", "import fastapi, uvicorn, uvloop, httptools")
                .redirectErrorStream(true).start();
        if (check.waitFor() != 0) {
            throw new IllegalStateException("the reference needs Debian's python3-fastapi python3-uvicorn "
                    + "python3-uvloop python3-httptools: bench/run.sh --vs-reference installs them");
        }
        int port = FreePorts.one();
        Map<String, String> env = Map.of(
                "PORT", Integer.toString(port),
                "CHUNKS", Integer.toString(s.chunks()),
                "CHUNK_BYTES", Integer.toString(s.chunkBytes()),
                "DELAY_MS", Integer.toString(s.delayMs()),
                "JOURNAL_DIR", journal.toAbsolutePath().toString(),
                "FSYNC", s.fsync() ? "1" : "0",
                "WORKERS", s.pinned() ? "1" : "2");
        return ServerProcess.start(List.of("/bin/sh", script.toString()), env, cpus, port,
                URI.create("http://127.0.0.1:" + port + "/openapi.json"), log);
    }
}
