package dev.trueline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/**
 * The benchmark harness end to end on the packaged jar, as {@code bench/run.sh smoke} runs it: the app started
 * fresh by the harness, the load generator in its own process, the server's /proc figures, the table and the
 * results history. A tiny scenario (5 streams, 20 turns of 20 chunks) so that it takes seconds and the harness
 * cannot rot; it checks that the figures are sane and complete, never how fast anything is.
 */
class BenchSmokeIT {

    @Test
    void smokeScenarioCountsEveryEventOfEveryTurnInOrderWithNoErrors() throws Exception {
        Path history = Files.createTempFile(Files.createDirectories(Path.of("target")), "bench-history-", ".md");

        Bench.Report report = Bench.run(BenchOptions.parse("smoke", "--results", history.toString()));

        assertEquals(1, report.rows().size());
        LoadResult r = report.rows().get(0).result();
        JsonObject j = r.json();
        String all = j.encodePrettily();
        assertEquals(0, r.errors(), all);
        assertEquals(20, j.getLong("streams"), all);
        assertEquals(20, j.getLong("complete"), all);
        assertEquals(20L * 20, j.getLong("chunks"), "every chunk of every turn counted: " + all);
        assertEquals(20, j.getLong("windowTurns"), all);
        double chars = j.getDouble("avgChunkChars");
        assertTrue(chars >= 16 && chars < 20, "chunk-chars=16 asked: " + all);
        assertTrue(r.number(LoadResult.CHUNKS_PER_S) > 0, all);
        assertTrue(r.number(LoadResult.TTFC_P50) > 0 && r.number(LoadResult.TTFC_P99) >= r.number(LoadResult.TTFC_P50),
                all);
        assertTrue(r.number(LoadResult.GAP_P99) >= r.number(LoadResult.GAP_P50)
                && r.number(LoadResult.GAP_MAX) >= r.number(LoadResult.GAP_P99), all);
        assertTrue(j.getDouble("serverCpuSeconds") > 0, "server CPU read from /proc: " + all);
        assertTrue(r.number(LoadResult.RSS) > 10, "server peak RSS read from /proc: " + all);

        assertTrue(report.text().contains("| trueline |"), report.text());
        assertTrue(report.text().contains("ids/seq in order: yes"), report.text());
        String logged = Files.readString(history);
        assertTrue(logged.contains("- commit: `") && logged.contains("- machine: ") && logged.contains("| trueline |"),
                logged);
    }
}
