package dev.trueline.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** What the journal writer counts per record type, and the fsync hook the sync modes wrap around force(). */
class JournalMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JournalMetrics metrics = new JournalMetrics(registry);

    @Test
    void recordsCountAsTurnStartsChunksAndEndsByOutcomeAndReason() {
        Instant ts = Instant.parse("2026-11-24T06:00:00Z");
        metrics.written(new UserRecord(1, ts, "hi", "scripted", "m"), 1_000);
        metrics.written(new ChunkRecord(1, 1, "a"), 1_000);
        metrics.written(new ChunkRecord(1, 2, "b"), 1_000);
        metrics.written(new EndRecord(1, ts, 2, "stop", null), 1_000);
        metrics.written(new AbortedRecord(2, ts, 1, 2, AbortedRecord.CLIENT_DISCONNECT), 1_000);
        metrics.written(new FailedRecord(3, ts, 0, 0, "upstream_timeout", "slow"), 1_000);
        metrics.written(new RepairRecord(ts, Repair.TORN_TAIL, 10, 5), 1_000);

        assertEquals(1, registry.get(JournalMetrics.TURNS_STARTED).counter().count());
        assertEquals(2, registry.get(JournalMetrics.CHUNKS_JOURNALED).counter().count());
        assertEquals(1, ended("end", "stop"));
        assertEquals(1, ended("aborted", "client_disconnect"));
        assertEquals(1, ended("failed", "upstream_timeout"));
        assertEquals(7, registry.get(JournalMetrics.APPEND).timer().count());
    }

    private double ended(String outcome, String reason) {
        return registry.get(JournalMetrics.TURNS_ENDED).tag("outcome", outcome).tag("reason", reason).counter().count();
    }
}
