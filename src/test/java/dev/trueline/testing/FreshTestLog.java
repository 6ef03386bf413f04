package dev.trueline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Empties the run's log ({@link TestLog#FILE}) when the unit-test run starts, so that it holds this run and only
 * this run: the build appends every app of the run to it ({@code rotate-on-boot=false}), and a leak that a
 * mutation once caused must not fail the next run. Only in the JVM that logs there (surefire's, which sets
 * {@code quarkus.log.file.path}); the IT run reads the file and must find it as the unit tests left it.
 */
public class FreshTestLog implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String path = System.getProperty("quarkus.log.file.path");
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
