package dev.trueline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code bench/run.sh --footprint} runs the server with exactly the image's JAVA_OPTS, at the image's 512 MiB. */
class FootprintJvmTest {

    @Test
    void theOptionsAreTheImagesJavaOptsAtTheContainerLimit() {
        List<String> options = FootprintJvm.options();
        assertTrue(options.contains("-XX:+UseSerialGC"), options.toString());
        assertTrue(options.stream().anyMatch(o -> o.startsWith("-XX:MaxRAMPercentage=") || o.startsWith("-Xmx")),
                "no heap bound in " + options);
        assertEquals(FootprintJvm.CONTAINER_LIMIT, options.get(options.size() - 1));
        assertEquals(List.of("-Xa", "-Xb", FootprintJvm.CONTAINER_LIMIT),
                FootprintJvm.options("FROM x\nENV JAVA_OPTS=\"-Xa  -Xb\"\nENV JAVA_OPTS_APPEND=\"\"\n"));
    }

    @Test
    void anExplicitServerJvmOptionComesAfterThemAndSoWins() {
        List<String> jvm = BenchOptions.parse("s1", "--server-jvm", "-Xmx1g", "--footprint").serverJvmOptions();
        assertEquals(FootprintJvm.options().size() + 1, jvm.size());
        assertEquals("-Xmx1g", jvm.get(jvm.size() - 1));
        assertEquals(List.of("-Xmx1g"), BenchOptions.parse("s1", "--server-jvm", "-Xmx1g").serverJvmOptions());
    }
}
