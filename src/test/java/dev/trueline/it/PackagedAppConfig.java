package dev.trueline.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Configures the packaged app under test: a fresh journal directory under {@code target/}, since the prod profile's
 * default ({@code journal}, relative to the working directory) would land in the repository's working tree; and a
 * reconnect grace of {@value #RECONNECT_GRACE}, so a test that walks away from a turn sees it aborted in a second
 * instead of the default 30 s (the grace itself is tested in {@code DisconnectPolicyTest}).
 */
public class PackagedAppConfig implements QuarkusTestResourceLifecycleManager {

    /** The {@code trueline.turn.reconnect-grace} the packaged app runs with. */
    public static final String RECONNECT_GRACE = "500ms";

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "journal-it-");
            return Map.of("trueline.journal.dir", dir.toAbsolutePath().toString(),
                    "trueline.turn.reconnect-grace", RECONNECT_GRACE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // kept for post-mortems; target/ is cleaned by mvn clean
    }
}
