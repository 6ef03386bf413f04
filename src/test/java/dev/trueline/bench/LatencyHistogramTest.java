package dev.trueline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Percentiles of the load generator's histogram against exactly known distributions. */
class LatencyHistogramTest {

    @Test
    void percentilesOfAUniformRangeAreWithinTheBucketResolution() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v);
        }
        assertEquals(100_000, h.count());
        assertEquals(100_000, h.max());
        assertWithin(50_000, h.percentile(50));
        assertWithin(99_000, h.percentile(99));
        assertEquals(100_000, h.percentile(100));
    }

    @Test
    void smallValuesAreExactAndMergingAddsCounts() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        for (int i = 0; i < 99; i++) {
            a.record(5);
        }
        b.record(7_000_000); // one 7 s outlier
        a.add(b);
        assertEquals(100, a.count());
        assertEquals(5, a.percentile(99));
        assertEquals(7_000_000, a.max());
        assertWithin(7_000_000, a.percentile(100));
    }

    private static void assertWithin(long expected, long actual) {
        assertTrue(Math.abs(actual - expected) <= expected * 0.016, "expected about " + expected + ", got " + actual);
    }
}
