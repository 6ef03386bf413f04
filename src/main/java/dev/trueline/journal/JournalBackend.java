package dev.trueline.journal;

/** Which backend holds the journal: {@code trueline.journal.backend} ({@link JournalProducer} builds it). */
public enum JournalBackend {

    /** One JSONL file per conversation under {@code trueline.journal.dir}: the journal. */
    FILE,

    /**
     * Nothing durable and no I/O: only what running and just-finished turns need, in memory. For benchmarks alone,
     * as the baseline that tells what the journal itself costs; refused outside the {@code bench} profile.
     */
    NOOP,

    /**
     * One Redis Stream per conversation on the server {@code quarkus.redis.hosts} names (the followers' client,
     * {@code quarkus.redis.trueline-follow.hosts}, too), in the file format line for line: so far one instance's
     * journal kept off its disk, not yet several replicas sharing one (docs/redis.md says what is and is not done).
     */
    REDIS
}
