package dev.trueline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.trueline.testing.TestLog;

/**
 * After the unit tests have run (this is an IT: failsafe runs after surefire), the log of the whole run, every
 * {@code @QuarkusTest} app's ({@link TestLog#FILE}), and the packaged apps' logs the ITs keep under
 * {@code target/}, hold no JWT and none of the tests' static tokens. The access-control tests send tokens and JWTs
 * of every kind, with DEBUG logging, and check their own; this looks at everything, for anything shaped like one.
 */
class LogsHoldNoSecretsIT {

    /** A compact JWS: base64url JSON header and payload (both start {@code {"} = {@code eyJ}), then a signature. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.");
    /** The static tokens of the tests all start so ({@code TokenProfile}, {@code PublicPortIT}). */
    private static final Pattern TOKEN = Pattern.compile("tl-(test|it)-[a-z]+-?[0-9a-f]*");

    @Test
    void noLogOfTheRunHoldsATokenOrAJwt() throws IOException {
        assertTrue(Files.exists(TestLog.FILE) && Files.size(TestLog.FILE) > 0, TestLog.FILE
                + " is missing or empty: it is written by the unit tests' Quarkus apps, which run before the ITs");
        List<Path> logs = new ArrayList<>(List.of(TestLog.FILE));
        try (Stream<Path> kept = Files.walk(Path.of("target"), 3)) {
            kept.filter(p -> p.toString().endsWith(".log") && !p.equals(TestLog.FILE)).forEach(logs::add);
        }
        List<String> found = new ArrayList<>();
        for (Path log : logs) {
            try (Stream<String> lines = Files.lines(log)) {
                lines.filter(line -> JWT.matcher(line).find() || TOKEN.matcher(line).find())
                        .limit(2).forEach(line -> found.add(log + ": " + line));
            } catch (java.io.UncheckedIOException notText) {
                // a binary file that happens to end in .log
            }
        }
        assertEquals(List.of(), found, "credentials in the logs of the test run");
    }
}
