package dev.trueline.bench;

import java.util.Map;

import io.vertx.core.json.JsonObject;

/**
 * The figures of one load run against one server, as JSON (the load generator's output, read back by the
 * orchestrator). Times are in milliseconds, CPU in seconds, memory in MiB. Absent figures are absent keys.
 */
record LoadResult(JsonObject json) {

    /** Keys of the figures, shared by the table, the sweep and the tests. */
    static final String CHUNKS_PER_S = "chunksPerSecond", TURNS_PER_S = "turnsPerSecond",
            TTFC_P50 = "firstChunkP50Ms", TTFC_P99 = "firstChunkP99Ms", GAP_P50 = "gapP50Ms",
            GAP_P99 = "gapP99Ms", GAP_MAX = "gapMaxMs", CPU_PER_M = "cpuSecondsPerMillionChunks",
            RSS = "peakRssMiB", ERRORS = "errors";

    static LoadResult of(LoadOptions o, LoadStats s, double windowSeconds, ProcStats cpuAtStart, ProcStats atEnd) {
        JsonObject j = new JsonObject()
                .put("protocol", o.protocol().name().toLowerCase())
                .put("concurrency", o.concurrency())
                .put("windowSeconds", round(windowSeconds))
                .put("windowChunks", s.windowChunks)
                .put("windowTurns", s.windowTurns)
                .put(CHUNKS_PER_S, round(s.windowChunks / windowSeconds))
                .put(TURNS_PER_S, round(s.windowTurns / windowSeconds))
                .put("firstChunkSamples", s.firstChunk.count())
                .put("gapSamples", s.gap.count())
                .put("streams", s.streams)
                .put("complete", s.complete)
                .put("chunks", s.chunks)
                .put("avgChunkChars", s.chunks == 0 ? 0 : round((double) s.textChars / s.chunks))
                .put("heartbeats", s.heartbeats)
                .put("disconnects", s.disconnects)
                .put("resumes", s.resumes)
                .put(ERRORS, s.errorCount())
                .put("errorKinds", new JsonObject(Map.copyOf(s.errors)))
                .put("errorSamples", new JsonObject(Map.copyOf(s.samples)));
        // no samples, no figure: a 0 would read as "instant" (e.g. no turn started in a short window)
        if (s.firstChunk.count() > 0) {
            j.put(TTFC_P50, ms(s.firstChunk.percentile(50))).put(TTFC_P99, ms(s.firstChunk.percentile(99)))
                    .put("firstChunkMaxMs", ms(s.firstChunk.max()));
        }
        if (s.gap.count() > 0) {
            j.put(GAP_P50, ms(s.gap.percentile(50))).put(GAP_P99, ms(s.gap.percentile(99)))
                    .put(GAP_MAX, ms(s.gap.max()));
        }
        if (s.resumeUnavailable > 0) {
            j.put("resumeUnavailable", s.resumeUnavailable).put("resumeUnavailableStatus", s.resumeUnavailableStatus);
        }
        if (s.resumeFirstChunk.count() > 0) {
            j.put("resumeFirstChunkP50Ms", ms(s.resumeFirstChunk.percentile(50)))
                    .put("resumeFirstChunkP99Ms", ms(s.resumeFirstChunk.percentile(99)));
        }
        if (atEnd != null) {
            double cpu = atEnd.cpuSeconds() - cpuAtStart.cpuSeconds();
            j.put("serverCpuSeconds", round(cpu))
                    .put(CPU_PER_M, s.windowChunks == 0 ? null : round(cpu / s.windowChunks * 1e6))
                    .put(RSS, round(atEnd.peakRssKib() / 1024.0));
        }
        return new LoadResult(j);
    }

    /** A figure, or NaN when the run has none. */
    double number(String key) {
        Object v = json.getValue(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    long errors() {
        return json.getLong(ERRORS, 0L);
    }

    static double ms(long micros) {
        return round(micros / 1000.0);
    }

    static double round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return 0;
        }
        return Math.round(v * 1000) / 1000.0;
    }
}
