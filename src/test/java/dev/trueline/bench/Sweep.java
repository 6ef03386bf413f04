package dev.trueline.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run.sh sweep SCENARIO}: the scenario at rising concurrency (10 to 10,000 by default) for each
 * server, one fresh server per point, and two curves per server drawn as an SVG that {@code bench/RESULTS.md}
 * shows: chunks/s and inter-chunk gap p99 against concurrency.
 */
final class Sweep {

    private static final String TRUELINE_COLOR = "#1f77b4", REFERENCE_COLOR = "#d62728";

    private Sweep() {
    }

    static String run(BenchOptions options) throws Exception {
        RunInfo info = RunInfo.now(options.command());
        List<String> servers = new ArrayList<>(List.of("trueline"));
        if (options.vsReference()) {
            servers.add("reference");
        }
        List<List<double[]>> throughput = new ArrayList<>(), gaps = new ArrayList<>();
        servers.forEach(s -> {
            throughput.add(new ArrayList<>());
            gaps.add(new ArrayList<>());
        });
        StringBuilder table = new StringBuilder("sweep over " + options.levels() + " streams of "
                + options.scenario().summary().replaceFirst("\\d+ streams x ", "")
                + "\n\n| concurrency | server | chunks/s | gap p99 ms | first chunk p99 ms | errors |\n"
                + "|---:|---|---:|---:|---:|---:|\n");
        for (int level : options.levels()) {
            Scenario at = options.scenario().withConcurrency(level);
            List<ResultTable.Row> rows = Bench.measure(options, at);
            for (int i = 0; i < rows.size(); i++) {
                LoadResult r = rows.get(i).result();
                throughput.get(i).add(new double[] { level, r.number(LoadResult.CHUNKS_PER_S) });
                gaps.get(i).add(new double[] { level, r.number(LoadResult.GAP_P99) });
                table.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %d |%n", level,
                        rows.get(i).server(), ResultTable.number(r.number(LoadResult.CHUNKS_PER_S)),
                        ResultTable.number(r.number(LoadResult.GAP_P99)),
                        ResultTable.number(r.number(LoadResult.TTFC_P99)), r.errors()));
            }
        }
        List<SvgChart.Series> t = new ArrayList<>(), g = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            String color = i == 0 ? TRUELINE_COLOR : REFERENCE_COLOR;
            t.add(new SvgChart.Series(servers.get(i), color, throughput.get(i)));
            g.add(new SvgChart.Series(servers.get(i), color, gaps.get(i)));
        }
        String svg = SvgChart.render("Sweep " + options.scenario().name() + " at " + info.commit() + " (" + info.when()
                + ")",
                List.of(
                        new SvgChart.Panel("Throughput", "concurrent streams (log)", "chunks/s", t),
                        new SvgChart.Panel("Inter-chunk gap p99", "concurrent streams (log)", "gap p99 (ms)", g)));
        if (options.svg().getParent() != null) {
            Files.createDirectories(options.svg().getParent());
        }
        Files.writeString(options.svg(), svg);
        String report = table + "\nCurves: " + options.svg() + "\n";
        Bench.append(options.results(), "## sweep " + options.scenario().name() + "\n\n" + info.markdown()
                + "- load average after: " + RunInfo.loadAverage() + "\n\n" + report);
        return report;
    }
}
