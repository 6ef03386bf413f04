package dev.trueline.journal.file;

import java.nio.file.Path;
import java.time.Duration;

import dev.trueline.journal.JournalBackend;
import dev.trueline.journal.JournalConfig;
import dev.trueline.journal.SyncMode;

/**
 * A {@link JournalConfig} for journals built by hand in unit tests and the journal benchmark: two I/O threads, as a
 * small instance has, and no free-space floor.
 */
public record TestJournalConfig(Path path, SyncMode sync, Duration syncInterval, int followerBuffer) implements JournalConfig {

    /** {@code sync} with a 1 s interval and a follower buffer of 256 records. */
    public static TestJournalConfig of(Path dir, SyncMode sync) {
        return new TestJournalConfig(dir, sync, Duration.ofSeconds(1), 256);
    }

    TestJournalConfig(Path path, SyncMode sync, Duration syncInterval) {
        this(path, sync, syncInterval, 256);
    }

    @Override
    public JournalBackend backend() {
        return JournalBackend.FILE;
    }

    @Override
    public String dir() {
        return path.toString();
    }

    @Override
    public int ioThreads() {
        return 2;
    }

    @Override
    public long minFreeBytes() {
        return 0;
    }
}
