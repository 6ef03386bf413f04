package dev.trueline.bench;

/**
 * Durations in microseconds, counted in log-linear buckets (exact below 128 µs, then 64 buckets per power of two,
 * so a percentile is within 1.6% of the true value) with the exact maximum kept. Fixed size whatever the count, so
 * a run can record every chunk of 10,000 streams. Not thread-safe: one per event loop, merged at the end.
 */
final class LatencyHistogram {

    private static final int LINEAR = 128;
    private static final int PER_OCTAVE = 64;
    private static final int BUCKETS = LINEAR + (63 - 7) * PER_OCTAVE;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long max;

    void record(long micros) {
        long v = Math.max(0, micros);
        counts[index(v)]++;
        count++;
        max = Math.max(max, v);
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        max = Math.max(max, other.max);
    }

    long count() {
        return count;
    }

    /** The exact largest value recorded, or 0. */
    long max() {
        return max;
    }

    /** The value at or below which {@code percent} % of the recorded values lie (upper end of its bucket); 0 if empty. */
    long percentile(double percent) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, upperBound(i));
            }
        }
        return max;
    }

    private static int index(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int octave = 63 - Long.numberOfLeadingZeros(v); // v in [2^octave, 2^(octave+1)), octave >= 7
        int sub = (int) ((v >> (octave - 6)) & (PER_OCTAVE - 1));
        return LINEAR + (octave - 7) * PER_OCTAVE + sub;
    }

    private static long upperBound(int index) {
        if (index < LINEAR) {
            return index;
        }
        int octave = (index - LINEAR) / PER_OCTAVE + 7;
        int sub = (index - LINEAR) % PER_OCTAVE;
        return ((long) (PER_OCTAVE + sub + 1) << (octave - 6)) - 1;
    }
}
