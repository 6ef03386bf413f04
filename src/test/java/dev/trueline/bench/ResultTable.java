package dev.trueline.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The one table a run prints, in Markdown so it reads in a terminal and pastes into {@code bench/RESULTS.md}: a row
 * per server, then Trueline's figures divided by the reference's (same run, same machine), then what was checked.
 */
final class ResultTable {

    private record Column(String title, String key) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("chunks/s", LoadResult.CHUNKS_PER_S),
            new Column("turns/s", LoadResult.TURNS_PER_S),
            new Column("first chunk p50 ms", LoadResult.TTFC_P50),
            new Column("first chunk p99 ms", LoadResult.TTFC_P99),
            new Column("gap p50 ms", LoadResult.GAP_P50),
            new Column("gap p99 ms", LoadResult.GAP_P99),
            new Column("gap max ms", LoadResult.GAP_MAX),
            new Column("server CPU s / M chunks", LoadResult.CPU_PER_M),
            new Column("server peak RSS MiB", LoadResult.RSS),
            new Column("errors", LoadResult.ERRORS));

    /** One server's result in a run. */
    record Row(String server, LoadResult result) {
    }

    private ResultTable() {
    }

    static String render(Scenario scenario, List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(scenario.summary()).append("\n\n");
        if ("resume".equals(scenario.mode())) {
            rows.forEach(r -> out.append(resumeTable(r)));
            return out.toString();
        }
        out.append("| server |");
        COLUMNS.forEach(c -> out.append(' ').append(c.title()).append(" |"));
        out.append("\n|---|");
        COLUMNS.forEach(c -> out.append("---:|"));
        out.append('\n');
        for (Row row : rows) {
            out.append("| ").append(row.server()).append(" |");
            COLUMNS.forEach(c -> out.append(' ').append(number(row.result().number(c.key()))).append(" |"));
            out.append('\n');
        }
        Row trueline = rows.stream().filter(r -> r.server().startsWith("trueline")).findFirst().orElse(null);
        Row reference = find(rows, "reference");
        if (trueline != null && reference != null) {
            out.append("| ").append(trueline.server()).append(" / reference |");
            for (Column c : COLUMNS) {
                double t = trueline.result().number(c.key());
                double r = reference.result().number(c.key());
                out.append(' ').append(c.key().equals(LoadResult.ERRORS) || !(r > 0) || Double.isNaN(t) ? "–"
                        : String.format(Locale.ROOT, "%.2fx", t / r)).append(" |");
            }
            out.append("\n\nRatios above 1 are better for chunks/s and turns/s, below 1 for the other columns.");
        }
        if (rows.stream().anyMatch(r -> r.server().equals("trueline-redis"))) {
            out.append("\n\ntrueline-redis: Trueline with `--journal redis`; its server CPU and peak RSS are the"
                    + " app's and its redis-server's summed.");
        }
        out.append("\n\n");
        rows.forEach(r -> out.append(checks(r)));
        return out.toString();
    }

    /** What the load generator verified for one server: the figures above are only worth this much. */
    static String checks(Row row) {
        JsonObject j = row.result().json();
        long order = j.getJsonObject("errorKinds", new JsonObject()).getLong("order", 0L);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "- %s: %d streams, %d complete, %d chunks counted (%d in the %.1f s window), %d turns ended in the"
                        + " window, first-chunk samples %d (turns started in the window), gap samples %d, avg chunk"
                        + " %.1f chars, ids/seq in order: %s, heartbeats %d",
                row.server(), j.getLong("streams", 0L), j.getLong("complete", 0L), j.getLong("chunks", 0L),
                j.getLong("windowChunks", 0L), j.getDouble("windowSeconds", 0.0), j.getLong("windowTurns", 0L),
                j.getLong("firstChunkSamples", 0L), j.getLong("gapSamples", 0L), j.getDouble("avgChunkChars", 0.0),
                order == 0 ? "yes" : "NO (" + order + " streams)", j.getLong("heartbeats", 0L)));
        if (j.getLong("disconnects", 0L) > 0) {
            s.append(", disconnects ").append(j.getLong("disconnects")).append(", resumed ").append(j.getLong("resumes"));
        }
        if (j.containsKey("resumeUnavailable")) {
            s.append(", resume not available (HTTP ").append(j.getInteger("resumeUnavailableStatus")).append(')');
        }
        s.append('\n');
        JsonObject samples = j.getJsonObject("errorSamples", new JsonObject());
        for (Map.Entry<String, Object> e : samples) {
            s.append("  - error `").append(e.getKey()).append("` x")
                    .append(j.getJsonObject("errorKinds").getValue(e.getKey())).append(", e.g. ")
                    .append(e.getValue()).append('\n');
        }
        return s.toString();
    }

    private static String resumeTable(Row row) {
        JsonObject s5 = row.result().json().getJsonObject("s5", new JsonObject());
        if (!s5.getBoolean("available", false)) {
            return "- " + row.server() + ": resume not available: " + s5.getString("reason") + "\n";
        }
        StringBuilder out = new StringBuilder("| " + row.server() + ": conversation turns | resumes | resumes/s |"
                + " first event p50 ms | first event p99 ms | whole replay p50 ms | whole replay p99 ms |"
                + " server CPU ms / resume | errors |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        JsonArray sizes = s5.getJsonArray("sizes");
        List<String> keys = new ArrayList<>(List.of("conversationTurns", "resumes", "resumesPerSecond",
                "firstEventP50Ms", "firstEventP99Ms", "wholeP50Ms", "wholeP99Ms", "serverCpuMsPerResume", "errors"));
        for (int i = 0; i < sizes.size(); i++) {
            JsonObject size = sizes.getJsonObject(i);
            out.append('|');
            keys.forEach(k -> out.append(' ').append(number(size.getValue(k) instanceof Number n ? n.doubleValue()
                    : Double.NaN)).append(" |"));
            out.append('\n');
        }
        if (sizes.size() > 1) {
            // the question of S5: does a resume cost more in a longer conversation?
            JsonObject shortest = sizes.getJsonObject(0);
            JsonObject longest = sizes.getJsonObject(sizes.size() - 1);
            out.append("| ").append(number(longest.getInteger("conversationTurns"))).append(" / ")
                    .append(number(shortest.getInteger("conversationTurns"))).append(" turns |");
            keys.subList(1, keys.size()).forEach(k -> out.append(' ').append(ratio(longest, shortest, k)).append(" |"));
            out.append('\n');
        }
        out.append('\n');
        for (int i = 0; i < sizes.size(); i++) {
            JsonObject size = sizes.getJsonObject(i);
            out.append("- ").append(row.server()).append(", ").append(size.getInteger("conversationTurns"))
                    .append(" turns of ").append(size.getInteger("chunksPerTurn")).append(" chunks: ")
                    .append(size.getLong("verified")).append(" resumes verified (ids in order from the named chunk, "
                            + "chunk count, end), ")
                    .append(size.getLong("chunksReplayed")).append(" chunks replayed");
            if (size.containsKey("errorSample")) {
                out.append("; errors, e.g. ").append(size.getString("errorSample"));
            }
            out.append('\n');
        }
        JsonObject warmup = s5.getJsonObject("warmup", new JsonObject());
        out.append("- warm-up before any size was measured: ").append(s5.getInteger("warmupResumes"))
                .append(" untimed resumes per conversation");
        warmup.forEach(e -> out.append("; ").append(e.getKey()).append(" turns: ")
                .append(((JsonObject) e.getValue()).getLong("errors")).append(" errors"));
        return out.append("\n\n").toString();
    }

    private static String ratio(JsonObject a, JsonObject b, String key) {
        if (!(a.getValue(key) instanceof Number x) || !(b.getValue(key) instanceof Number y) || y.doubleValue() == 0
                || "resumes".equals(key) || "errors".equals(key)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2fx", x.doubleValue() / y.doubleValue());
    }

    private static Row find(List<Row> rows, String server) {
        return rows.stream().filter(r -> r.server().equals(server)).findFirst().orElse(null);
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (v >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
    }
}
