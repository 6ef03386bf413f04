package dev.trueline.bench;

import java.util.List;

/**
 * One benchmark scenario of issue 10: the scripted model's knobs (the same for both servers: chunks, chunk size,
 * delay), the load (streams in flight, warm-up, measured window or turn budget) and the durability setting of each
 * server. Scenarios only describe; {@link Bench} runs them.
 *
 * @param sync Trueline's {@code trueline.journal.sync}
 * @param fsync the reference's {@code FSYNC=1} (an fsync per journal line)
 * @param pinned server and client on separate cores by default (one core each)
 * @param rampPerSecond new connections per second while ramping up (0: all at once)
 * @param mode {@code turns}, or {@code resume} for S5
 */
record Scenario(String name, String description, int concurrency, int chunks, int chunkBytes, int delayMs,
        double warmupSeconds, double measureSeconds, int maxTurns, String sync, boolean fsync, boolean pinned,
        int rampPerSecond, double timeoutSeconds, String mode) {

    Scenario withConcurrency(int streams) {
        return new Scenario(name, description, streams, chunks, chunkBytes, delayMs, warmupSeconds, measureSeconds,
                maxTurns, sync, fsync, pinned, rampPerSecond, timeoutSeconds, mode);
    }

    /** The same scenario with its warm-up and window scaled (a reduced run on a busy machine). */
    Scenario scaled(double factor) {
        return new Scenario(name, description, concurrency, chunks, chunkBytes, delayMs, warmupSeconds * factor,
                measureSeconds * factor, maxTurns, sync, fsync, pinned, rampPerSecond, timeoutSeconds, mode);
    }

    Scenario withWindow(double warmup, double measure) {
        return new Scenario(name, description, concurrency, chunks, chunkBytes, delayMs, warmup, measure, maxTurns,
                sync, fsync, pinned, rampPerSecond, timeoutSeconds, mode);
    }

    /**
     * The same scenario with Trueline's journal in sync mode {@code journalSync}; the reference fsyncs each line when
     * it is {@code always}, the one mode it has an equivalent of, and not otherwise.
     */
    Scenario withSync(String journalSync) {
        if (!List.of("none", "interval", "always").contains(journalSync)) {
            throw new IllegalArgumentException("--sync must be none, interval or always");
        }
        return new Scenario(name, description, concurrency, chunks, chunkBytes, delayMs, warmupSeconds,
                measureSeconds, maxTurns, journalSync, journalSync.equals("always"), pinned, rampPerSecond,
                timeoutSeconds, mode);
    }

    Scenario pinned(boolean pin) {
        return new Scenario(name, description, concurrency, chunks, chunkBytes, delayMs, warmupSeconds,
                measureSeconds, maxTurns, sync, fsync, pin, rampPerSecond, timeoutSeconds, mode);
    }

    /** One line saying what runs. */
    String summary() {
        String load = "resume".equals(mode) ? "resumes of finished turns"
                : concurrency + " streams x " + chunks + " chunks x " + delayMs + " ms, " + chunkBytes
                        + " B chunks";
        String window = "resume".equals(mode) ? "10- and 1,000-turn conversations, 1,000 resumes each, "
                + concurrency + " at a time"
                : maxTurns > 0 && measureSeconds == 0 ? maxTurns + " turns"
                        : "warm-up " + fmt(warmupSeconds) + " s, window " + fmt(measureSeconds) + " s";
        return name + ": " + load + "; " + window + "; trueline sync=" + sync + ", reference FSYNC="
                + (fsync ? 1 : 0) + "; " + (pinned ? "pinned: server cpu 0, client cpu 1" : "both cores shared");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
