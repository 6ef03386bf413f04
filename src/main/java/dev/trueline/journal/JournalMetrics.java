package dev.trueline.journal;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What the journal writer measures for {@code /q/metrics}. Turn starts and ends are counted here, when their
 * {@code user} and terminal records reached the file, so the counters agree with the journal exactly: one
 * terminal record per turn (I3), whichever side (completion, failure, client disconnect) won the race to write it.
 */
public final class JournalMetrics {

    /** Timer: from submitting a record to the journal until it was written (queue wait included). */
    public static final String APPEND = "trueline.journal.append";
    /** Timer: one fsync ({@code FileChannel.force}) of a journal file; see {@link #fsynced}. */
    public static final String FSYNC = "trueline.journal.fsync";
    /** Counter: chunk records written. */
    public static final String CHUNKS_JOURNALED = "trueline.chunks.journaled";
    /** Counter: {@code user} records written, i.e. turns started. */
    public static final String TURNS_STARTED = "trueline.turns.started";
    /** Counter: terminal records written, tagged {@code outcome} and {@code reason}. */
    public static final String TURNS_ENDED = "trueline.turns.ended";

    private final MeterRegistry registry;
    private final Timer append;
    private final Timer fsync;
    private final Counter chunks;
    private final Counter started;

    public JournalMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.append = Timer.builder(APPEND)
                .description("Time from submitting a journal record until it was written (queue wait included)")
                .publishPercentileHistogram()
                .register(registry);
        this.fsync = Timer.builder(FSYNC)
                .description("Time of one fsync (FileChannel.force) of a journal file")
                .publishPercentileHistogram()
                .register(registry);
        this.chunks = Counter.builder(CHUNKS_JOURNALED)
                .description("Chunk records written to the journal")
                .register(registry);
        this.started = Counter.builder(TURNS_STARTED)
                .description("Turns started: prompts written to the journal")
                .register(registry);
    }

    /** Metrics that go nowhere, for a journal built by hand (tests, tools). */
    public static JournalMetrics detached() {
        return new JournalMetrics(new SimpleMeterRegistry());
    }

    /** A record reached the journal {@code nanos} after it was submitted. */
    public void written(JournalRecord record, long nanos) {
        append.record(nanos, TimeUnit.NANOSECONDS);
        if (record instanceof ChunkRecord) {
            chunks.increment();
        } else if (record instanceof UserRecord) {
            started.increment();
        } else if (record instanceof EndRecord end) {
            ended("end", end.finish());
        } else if (record instanceof AbortedRecord aborted) {
            ended("aborted", aborted.reason());
        } else if (record instanceof FailedRecord failed) {
            ended("failed", failed.code());
        }
    }

    /** One fsync of a journal file took {@code nanos}, whether it succeeded or failed: what durability costs. */
    public void fsynced(long nanos) {
        fsync.record(nanos, TimeUnit.NANOSECONDS);
    }

    private void ended(String outcome, String reason) {
        Counter.builder(TURNS_ENDED)
                .description("Turns ended, by terminal record: end (reason = finish), aborted (reason), failed "
                        + "(reason = error code)")
                .tag("outcome", outcome)
                .tag("reason", reason == null ? "none" : reason)
                .register(registry)
                .increment();
    }
}
