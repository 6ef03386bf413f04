package dev.trueline.journal.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.trueline.journal.JournalConfig;
import dev.trueline.journal.JournalHealth;
import dev.trueline.journal.JournalStatus;

/**
 * Probes the journal for room to write, for readiness and for refusing new turns: creates, writes and deletes a
 * small file in the journal directory (the only honest test of "writable"; permission bits say nothing to root)
 * and compares the file system's usable space with {@code trueline.journal.min-free-bytes}. At most one probe per
 * half second; callers in between get the last answer.
 */
@ApplicationScoped
@Typed(FileJournalHealth.class) // the application's JournalHealth is JournalProducer's, this one for the file backend
public class FileJournalHealth implements JournalHealth {

    private static final long REPROBE_NANOS = 500_000_000L;

    private final Path dir;
    private final long minFree;
    private JournalStatus last;
    private long probedAt;

    public FileJournalHealth(JsonlJournal journal, JournalConfig config) {
        this.dir = journal.directory();
        this.minFree = config.minFreeBytes();
    }

    @Override
    public synchronized JournalStatus status() {
        if (last == null || System.nanoTime() - probedAt > REPROBE_NANOS) {
            last = probe();
            probedAt = System.nanoTime();
        }
        return last;
    }

    private JournalStatus probe() {
        IoThreadGuard.check();
        long usable = -1;
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".probe-", ".tmp"); // not *.jsonl: never listed as a conversation
            try {
                Files.write(probe, new byte[] { '\n' });
            } finally {
                Files.deleteIfExists(probe);
            }
            usable = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return new JournalStatus(false, "cannot write to " + dir + ": " + e, usable, minFree);
        }
        if (usable < minFree) {
            return new JournalStatus(false, "only " + usable + " bytes free under " + dir
                    + ", less than trueline.journal.min-free-bytes=" + minFree, usable, minFree);
        }
        return new JournalStatus(true, null, usable, minFree);
    }
}
