package dev.trueline.journal.redis;

import java.time.Duration;

import org.junit.jupiter.api.extension.RegisterExtension;

import dev.trueline.journal.ConversationLease;
import dev.trueline.journal.Journal;
import dev.trueline.journal.JournalContractTest;

/**
 * The journal contract on the Redis journal, against a real redis-server; each test under keys of its own. A writer
 * that dies stops renewing its lease (a 1 s one here): its followers end once the lease expired, with the end they
 * journal for it.
 */
class RedisJournalContractTest extends JournalContractTest {

    @RegisterExtension
    static final RedisFixture redis = RedisFixture.perClass();

    @Override
    protected Journal open() {
        return redis.journal(TestRedisConfig.fresh(Duration.ofSeconds(1)), FOLLOWER_PAGE);
    }

    @Override
    protected void close(Journal journal) {
        ((RedisJournal) journal).close();
    }

    /** A follower that finds the writer gone journals the turn's {@code server_stopped} end (AbandonedTurns). */
    @Override
    protected boolean healsDeadWritersTurns() {
        return true;
    }

    /** The writer stops renewing its lease, never releasing it; the test goes on in another process. */
    @Override
    protected Journal writerDies(Journal journal, ConversationLease lease) {
        ((RedisLease) lease).stopRenewing();
        RedisJournalConfig config = ((RedisJournal) journal).config();
        close(journal);
        return redis.journal(config, FOLLOWER_PAGE);
    }
}
