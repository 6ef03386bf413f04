package dev.trueline.journal;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where and how conversations are journaled: {@code trueline.journal.*}. */
@ConfigMapping(prefix = "trueline.journal")
public interface JournalConfig {

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
}
