package dev.trueline.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The harness's command line ({@code bench/run.sh}):
 * {@code [sweep] SCENARIO [--vs-reference] [--pin|--no-pin] [--scale F] [--warmup S] [--measure S]
 * [--concurrency N] [--levels 10,100,...] [--journal file|redis|noop] [--sync none|interval|always] [--results FILE]
 * [--svg FILE] [--keep] [--footprint] [--server-jvm OPTION]...}. {@code --footprint} puts the container image's JVM
 * options ({@link FootprintJvm}) before any {@code --server-jvm} option, so that a later option overrides one of
 * them; without it the server runs with the JVM's defaults. {@code --journal redis} runs Trueline on a redis-server
 * the harness starts ({@link TruelineServer}); its row is {@code trueline-redis}.
 */
record BenchOptions(boolean sweep, Scenario scenario, boolean vsReference, String journal, Path results, Path svg,
        List<Integer> levels, boolean keep, List<String> serverJvmOptions, String command) {

    static BenchOptions parse(String... args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        boolean sweep = !rest.isEmpty() && rest.get(0).equals("sweep");
        if (sweep) {
            rest.remove(0);
        }
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new IllegalArgumentException("usage: bench/run.sh [sweep] SCENARIO [options]; scenarios: "
                    + String.join(", ", Scenarios.all().keySet()));
        }
        Scenario s = Scenarios.named(rest.remove(0));
        boolean vs = false;
        boolean keep = false;
        String journal = "file";
        Path results = Path.of("bench", "results-history.md");
        Path svg = null;
        List<Integer> levels = List.of(10, 100, 1000, 10_000);
        List<String> jvm = new ArrayList<>();
        boolean footprint = false;
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            switch (a) {
                case "--vs-reference" -> vs = true;
                case "--pin" -> s = s.pinned(true);
                case "--no-pin" -> s = s.pinned(false);
                case "--keep" -> keep = true;
                case "--scale" -> s = s.scaled(Double.parseDouble(rest.get(++i)));
                case "--warmup" -> s = s.withWindow(Double.parseDouble(rest.get(++i)), s.measureSeconds());
                case "--measure" -> s = s.withWindow(s.warmupSeconds(), Double.parseDouble(rest.get(++i)));
                case "--concurrency" -> s = s.withConcurrency(Integer.parseInt(rest.get(++i)));
                case "--journal" -> {
                    journal = rest.get(++i);
                    if (!TruelineServer.BACKENDS.contains(journal)) {
                        throw new IllegalArgumentException("--journal must be one of " + TruelineServer.BACKENDS);
                    }
                }
                case "--sync" -> s = s.withSync(rest.get(++i));
                case "--results" -> results = Path.of(rest.get(++i));
                case "--svg" -> svg = Path.of(rest.get(++i));
                case "--server-jvm" -> jvm.add(rest.get(++i));
                case "--footprint" -> footprint = true;
                case "--levels" -> levels = Arrays.stream(rest.get(++i).split(",")).map(Integer::parseInt).toList();
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (svg == null) {
            svg = Path.of("bench", "sweep-" + s.name() + ".svg");
        }
        if (footprint) {
            jvm.addAll(0, FootprintJvm.options());
        }
        String command = System.getenv().getOrDefault("BENCH_COMMAND", "Bench " + String.join(" ", args));
        return new BenchOptions(sweep, s, vs, journal, results, svg, levels, keep, jvm, command);
    }
}
