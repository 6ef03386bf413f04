package dev.trueline.journal;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where and how conversations are journaled: {@code trueline.journal.*}. */
@ConfigMapping(prefix = "trueline.journal")
public interface JournalConfig {

    /**
     * The backend that holds the journal: {@code file} (one JSONL file per conversation under {@link #dir()}),
     * {@code redis} (one Redis Stream per conversation on {@code quarkus.redis.hosts}, docs/redis.md), or
     * {@code noop}, which stores nothing (no transcript survives the turn after next, nor a restart) so that a
     * benchmark can tell what the journal itself costs. {@code noop} refuses to start unless the active profiles
     * include {@code bench}, so it cannot reach production by accident.
     */
    @WithDefault("file")
    JournalBackend backend();

    /**
     * Directory holding one {@code <conversation>.jsonl} file per conversation; created when missing. Relative
     * paths resolve against the working directory.
     */
    @WithDefault("journal")
    String dir();

    /**
     * Threads doing journal file I/O. Each conversation's records still go one at a time, in order; more threads
     * let more conversations write (and fsync) at once.
     */
    @WithDefault("4")
    int ioThreads();

    /**
     * When records are forced to the device: {@code none}, {@code interval} or {@code always} (see {@link SyncMode}
     * for exactly what each survives). {@code always} delivers a chunk only after an fsync covering it returned.
     */
    @WithDefault("always")
    SyncMode sync();

    /** With {@code sync=interval}: how often files written since the last fsync are forced. */
    @WithDefault("1s")
    Duration syncInterval();

    /**
     * Free space the journal's file system must keep: below it readiness is DOWN and new turns are refused with
     * 503, so running turns can still write their terminal records. Bytes.
     */
    @WithDefault("67108864")
    long minFreeBytes();

    /**
     * Records of a running turn that may wait for one follower (an SSE response) that reads slower than the model
     * writes; also how many records a follower reads from the journal at a time. A follower further behind than this
     * is not dropped: it reads on from the journal, so the model and the other followers never wait for it, and its
     * memory stays bounded by this number.
     */
    @WithDefault("256")
    int followerBuffer();
}
