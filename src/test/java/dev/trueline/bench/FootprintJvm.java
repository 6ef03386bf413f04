package dev.trueline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options of {@code bench/run.sh --footprint}: the container image's own {@code JAVA_OPTS}, read from
 * {@code src/main/docker/Dockerfile.jvm} so that the benchmark and the image cannot drift apart, followed by
 * {@code -XX:MaxRAM=512m}, which makes the JVM size itself on this host as it does inside the 512 MiB container the
 * image is documented and tested with (docs/container.md, "JVM settings"): the heap's percentage of the limit, and
 * the initial heap, are then taken of 512 MiB and not of the host's memory.
 */
final class FootprintJvm {

    static final Path DOCKERFILE = Path.of("src", "main", "docker", "Dockerfile.jvm");
    /** The memory limit the image is sized for and {@code ContainerImageIT} runs it with. */
    static final String CONTAINER_LIMIT = "-XX:MaxRAM=512m";

    private static final Pattern JAVA_OPTS = Pattern.compile("^ENV JAVA_OPTS=\"([^\"]*)\"", Pattern.MULTILINE);

    private FootprintJvm() {
    }

    static List<String> options() {
        try {
            return options(Files.readString(DOCKERFILE));
        } catch (IOException e) {
            throw new UncheckedIOException("--footprint reads the image's JAVA_OPTS from " + DOCKERFILE, e);
        }
    }

    static List<String> options(String dockerfile) {
        Matcher m = JAVA_OPTS.matcher(dockerfile);
        if (!m.find()) {
            throw new IllegalStateException("no ENV JAVA_OPTS=\"...\" line in " + DOCKERFILE);
        }
        List<String> options = new ArrayList<>(Arrays.asList(m.group(1).trim().split("\\s+")));
        options.add(CONTAINER_LIMIT);
        return List.copyOf(options);
    }
}
