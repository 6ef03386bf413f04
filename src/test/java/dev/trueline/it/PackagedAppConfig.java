package dev.trueline.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the packaged app under test a fresh journal directory under {@code target/}: the prod profile's default
 * ({@code journal}, relative to the working directory) would land in the repository's working tree.
 */
public class ItJournalDir implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "journal-it-");
            return Map.of("trueline.journal.dir", dir.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // kept for post-mortems; target/ is cleaned by mvn clean
    }
}
