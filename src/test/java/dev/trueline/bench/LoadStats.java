package dev.trueline.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one event loop of the load generator counted: everything in the measured window is timed, every stream is
 * checked whenever it ran. Merged across event loops into the run's result.
 */
final class LoadStats {

    /** Error samples kept per kind, so a broken run shows what broke without printing 10,000 lines. */
    private static final int SAMPLES = 3;

    final LatencyHistogram firstChunk = new LatencyHistogram();
    final LatencyHistogram gap = new LatencyHistogram();
    final LatencyHistogram resumeFirstChunk = new LatencyHistogram();
    long windowChunks;
    long windowTurns;
    long chunks;
    long textChars;
    long streams;
    long complete;
    long heartbeats;
    long disconnects;
    long resumes;
    long resumeUnavailable;
    int resumeUnavailableStatus;
    final Map<String, Long> errors = new LinkedHashMap<>();
    final Map<String, List<String>> samples = new LinkedHashMap<>();

    /** An error of {@code kind} (a stable short name: {@code http_503}, {@code order}, {@code reset}, ...). */
    void error(String kind, String detail) {
        errors.merge(kind, 1L, Long::sum);
        List<String> kept = samples.computeIfAbsent(kind, k -> new ArrayList<>());
        if (kept.size() < SAMPLES) {
            kept.add(detail);
        }
    }

    long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    void add(LoadStats o) {
        firstChunk.add(o.firstChunk);
        gap.add(o.gap);
        resumeFirstChunk.add(o.resumeFirstChunk);
        windowChunks += o.windowChunks;
        windowTurns += o.windowTurns;
        chunks += o.chunks;
        textChars += o.textChars;
        streams += o.streams;
        complete += o.complete;
        heartbeats += o.heartbeats;
        disconnects += o.disconnects;
        resumes += o.resumes;
        resumeUnavailable += o.resumeUnavailable;
        resumeUnavailableStatus = Math.max(resumeUnavailableStatus, o.resumeUnavailableStatus);
        o.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
        o.samples.forEach((k, v) -> {
            List<String> kept = samples.computeIfAbsent(k, x -> new ArrayList<>());
            v.stream().limit(SAMPLES - kept.size()).forEach(kept::add);
        });
    }
}
