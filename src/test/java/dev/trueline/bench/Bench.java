package dev.trueline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.vertx.core.json.JsonObject;

/**
 * The benchmark harness of issue 10 ({@code bench/run.sh}): for a scenario, starts each server with a fresh journal
 * (Trueline, then the reference with {@code --vs-reference}), drives it with the {@link LoadGenerator} in its own
 * process (server and client on separate cores with {@code --pin}), prints one table and appends it, with the
 * commit, the machine and the exact command, to the results history. {@code sweep} runs a scenario over rising
 * concurrency instead ({@link Sweep}).
 */
public final class Bench {

    private static final Path WORK = Path.of("target", "bench");

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        String report = options.sweep() ? Sweep.run(options) : run(options).text();
        System.out.println(report);
        System.exit(0);
    }

    /** A run's rows, and the table as printed. */
    record Report(List<ResultTable.Row> rows, String text) {
    }

    /** Runs the scenario of {@code options} and returns the table, also appended to the results history. */
    static Report run(BenchOptions options) throws Exception {
        RunInfo info = RunInfo.now(options.command());
        List<ResultTable.Row> rows = measure(options, options.scenario());
        String table = ResultTable.render(options.scenario(), rows);
        String loadAfter = RunInfo.loadAverage();
        append(options.results(), "## " + options.scenario().name() + (options.vsReference() ? " vs reference" : "")
                + "\n\n" + info.markdown() + "- load average after: " + loadAfter + "\n\n" + table);
        return new Report(rows, table + "\n(load average before " + info.load() + ", after " + loadAfter
                + "; appended to " + options.results() + ")");
    }

    /** One row per server for {@code scenario}: Trueline, then the reference if asked. */
    static List<ResultTable.Row> measure(BenchOptions options, Scenario scenario) throws Exception {
        List<BenchServer> servers = new ArrayList<>(List.of(new TruelineServer(options.journal(),
                options.serverJvmOptions())));
        if (options.vsReference()) {
            servers.add(new ReferenceServer(ReferenceServer.defaultDir()));
        }
        List<ResultTable.Row> rows = new ArrayList<>();
        for (BenchServer server : servers) {
            if ("resume".equals(scenario.mode()) && server.protocol() != Protocol.TRUELINE) {
                rows.add(new ResultTable.Row(server.name(), new LoadResult(new JsonObject().put("s5",
                        new JsonObject().put("available", false)
                                .put("reason", "the reference design has no resume (no event ids)")))));
                continue;
            }
            try {
                rows.add(new ResultTable.Row(server.name(), once(options, scenario, server)));
            } catch (Exception e) {
                // one server that cannot run must not cost the other's figures: its row says why
                System.err.println("bench: " + server.name() + " failed: " + e.getMessage());
                rows.add(new ResultTable.Row(server.name(), failed(e)));
            }
        }
        return rows;
    }

    private static LoadResult once(BenchOptions options, Scenario scenario, BenchServer server) throws Exception {
        Path dir = Files.createDirectories(WORK).resolve(server.name() + "-" + scenario.name() + "-"
                + System.currentTimeMillis());
        Path journal = Files.createDirectories(dir.resolve("journal"));
        String serverCpus = scenario.pinned() ? "0" : null;
        String clientCpus = scenario.pinned() ? "1" : null;
        System.err.println("bench: " + server.name() + ": " + scenario.summary());
        if ("resume".equals(scenario.mode())) {
            long started = System.nanoTime();
            long records = FinishedConversations.write(journal, FinishedConversations.TURNS, scenario.chunks(),
                    scenario.chunkBytes());
            System.err.printf("bench: wrote %,d records of the %s-turn conversations in %.1f s%n", records,
                    FinishedConversations.TURNS, (System.nanoTime() - started) / 1e9);
        }
        LoadResult result;
        try (ServerProcess process = server.start(scenario, journal, serverCpus, dir.resolve("server.log"))) {
            result = ClientProcess.run(scenario, server.protocol(), process, clientCpus, dir);
            if (!process.alive()) {
                result.json().put(LoadResult.ERRORS, result.errors() + 1).getJsonObject("errorKinds")
                        .put("server_exited", 1);
            }
        } finally {
            if (!options.keep()) {
                deleteTree(journal);
            }
        }
        return result;
    }

    private static LoadResult failed(Exception e) {
        String why = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
        return new LoadResult(new JsonObject().put(LoadResult.ERRORS, 1)
                .put("errorKinds", new JsonObject().put("run_failed", 1))
                .put("errorSamples", new JsonObject().put("run_failed", List.of(why))));
    }

    static void append(Path file, String entry) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        if (!Files.exists(file)) {
            Files.writeString(file, "# Benchmark runs\n\nEvery `bench/run.sh` run appends its table here (newest "
                    + "last). Figures are from one run on a shared machine: compare only rows of the same run.\n\n");
        }
        Files.writeString(file, entry + "\n", StandardOpenOption.APPEND);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
