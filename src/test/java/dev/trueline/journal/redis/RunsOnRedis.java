package dev.trueline.journal.redis;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

import dev.trueline.journal.Journal;
import io.quarkus.arc.Arc;

/**
 * Implemented by each Redis variant of a test class ({@link OnRedis}): one more test, that the application under test
 * really journals to Redis, so that a profile that lost its backend setting cannot pass on the file journal unseen.
 */
public interface RunsOnRedis {

    @Test
    default void theApplicationJournalsToRedis() {
        assertInstanceOf(RedisJournal.class, Arc.container().instance(Journal.class).get());
    }
}
