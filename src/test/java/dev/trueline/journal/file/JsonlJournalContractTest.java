package dev.trueline.journal.file;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.io.TempDir;

import dev.trueline.journal.ConversationLease;
import dev.trueline.journal.Journal;
import dev.trueline.journal.JournalContractTest;
import dev.trueline.journal.SyncMode;

/** The journal contract on the file journal, real files, {@code sync=always}. */
class JsonlJournalContractTest extends JournalContractTest {

    @TempDir
    Path dir;

    @Override
    protected Journal open() {
        return new JsonlJournal(new TestJournalConfig(dir, SyncMode.ALWAYS, Duration.ofSeconds(1), FOLLOWER_PAGE),
                Fsync.FORCE);
    }

    @Override
    protected void close(Journal journal) {
        ((JsonlJournal) journal).shutdown();
    }

    /** The process is gone: a new one opens the same directory, where nobody writes the turn any more. */
    @Override
    protected Journal writerDies(Journal journal, ConversationLease lease) {
        close(journal);
        return open();
    }
}
