package dev.trueline.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scenarios of issue 10, by name. Each is a figure from one run, reported, never a timed test; windows are
 * short enough for a shared 2-core machine and can be scaled ({@code --scale}) or set ({@code --measure}).
 */
final class Scenarios {

    private static final Map<String, Scenario> ALL = new LinkedHashMap<>();

    static {
        add(new Scenario("smoke", "the harness itself: a tiny run that takes seconds (./mvnw verify runs it)",
                5, 20, 16, 5, 0, 0, 20, "none", false, false, 0, 60, "turns"));
        add(new Scenario("s1", "throughput at a typical pacing, one core each: chunks/s, gap p99, CPU/chunk, RSS",
                500, 200, 16, 5, 10, 20, 0, "none", false, true, 500, 60, "turns"));
        add(new Scenario("s1-ttfc", "time to first chunk p99 at a light load, one core each",
                100, 200, 16, 5, 5, 15, 0, "none", false, true, 0, 60, "turns"));
        add(new Scenario("s2", "the pipeline unpaced (delay 0 = as fast as it takes chunks), one core each",
                50, 1000, 16, 0, 5, 15, 0, "none", false, true, 0, 60, "turns"));
        add(new Scenario("s3", "10,000 concurrent streams on both cores: all served, gap p99, RSS",
                10_000, 60, 16, 1000, 0, 0, 10_000, "none", false, false, 1000, 240, "turns"));
        add(new Scenario("s4", "durability: sync=always (group commit) vs the reference's fsync per line",
                100, 200, 16, 5, 5, 15, 0, "always", true, true, 0, 60, "turns"));
        add(new Scenario("s5", "resume cost: 1,000 resumes of finished 1,000-chunk turns, 10 vs 1,000 turns",
                10, 1000, 16, 0, 0, 0, 0, "none", false, true, 0, 600, "resume"));
    }

    private Scenarios() {
    }

    private static void add(Scenario s) {
        ALL.put(s.name(), s);
    }

    static Scenario named(String name) {
        Scenario s = ALL.get(name.toLowerCase(java.util.Locale.ROOT));
        if (s == null) {
            throw new IllegalArgumentException("no scenario " + name + "; known: " + String.join(", ", ALL.keySet()));
        }
        return s;
    }

    static Map<String, Scenario> all() {
        return ALL;
    }

    /** {@code bench/run.sh list}: every scenario and what it measures. */
    public static void main(String[] args) {
        ALL.values().forEach(s -> System.out.println(s.summary() + "\n    " + s.description()));
    }
}
