package dev.trueline.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a test measured (sizes, durations), printed as it is measured and saved to one file at the end, so the
 * figures quoted in the docs come from a run anyone can repeat.
 */
final class Figures {

    private final Path file;
    private final List<String> lines = new ArrayList<>();

    Figures(Path file) {
        this.file = file;
    }

    void add(String what, Duration took) {
        add(what, String.format("%.1f s", took.toMillis() / 1000.0));
    }

    void add(String what, String value) {
        String line = what + ": " + value;
        lines.add(line);
        System.out.println("[figures] " + line);
    }

    /** Keeps a side output (a build log, a container log) next to the figures for a post-mortem. */
    void write(Path log, String text) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Files.writeString(log, text);
    }

    void save() throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines);
    }
}
