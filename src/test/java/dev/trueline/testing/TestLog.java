package dev.trueline.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The log file of the test run: the build sets {@code quarkus.log.file.*} for the unit-test JVM
 * ({@code pom.xml}, surefire), so every {@code @QuarkusTest} app of the run appends to this one file, formatted by
 * Quarkus's own handler, whatever each test profile sets; {@link FreshTestLog} empties it when a run starts.
 */
public final class TestLog {

    /** Where surefire's {@code @QuarkusTest} apps log; {@code LogsHoldNoSecretsIT} reads it after the whole run. */
    public static final Path FILE = Path.of("target", "test-run.log");

    private TestLog() {
    }

    public static String read() {
        try {
            return Files.readString(FILE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read the test run's log " + FILE.toAbsolutePath()
                    + " (pom.xml sets quarkus.log.file.path for surefire)", e);
        }
    }

    /** The secrets of {@code secrets} that appear in the log, for an assertion message that shows where. */
    public static List<String> linesHolding(List<String> secrets) {
        return read().lines().filter(line -> secrets.stream().anyMatch(line::contains)).toList();
    }
}
