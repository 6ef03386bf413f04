package dev.trueline.journal.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationLease;
import dev.trueline.journal.EndRecord;
import dev.trueline.journal.Journal;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.LeasePurpose;
import dev.trueline.journal.UserRecord;
import dev.trueline.journal.file.JsonlJournal;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Redis journal as the application builds it: its config mapping and the Quarkus Redis clients (the default one
 * and {@code trueline-follow}) injected, against a real redis-server. The application's {@link Journal} stays the file
 * journal unless {@code trueline.journal.backend=redis} ({@code RedisBackendTest}).
 */
@QuarkusTest
@WithTestResource(RedisServerResource.class)
class RedisJournalBeanTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant TS = Instant.parse("2026-12-01T00:00:00Z");

    @Inject
    RedisJournal redis;

    @Inject
    Journal journal;

    @Test
    void theInjectedRedisJournalWritesFollowsAndReadsThroughTheApplicationsClients() {
        assertInstanceOf(JsonlJournal.class, journal, "the file journal is still the application's");
        assertEquals("bean-test", redis.config().keyPrefix());
        ConversationId id = ConversationId.of("bean");
        ConversationLease lease = redis.lease(id, LeasePurpose.TURN).await().atMost(WAIT);
        lease.runs(1);
        lease.append(new UserRecord(1, TS, "hi", "scripted", "m")).await().atMost(WAIT);
        lease.append(new ChunkRecord(1, 1, "a")).await().atMost(WAIT);
        var follower = redis.follow(id, 1, -1).collect().asList().subscribeAsCompletionStage();
        lease.append(new EndRecord(1, TS, 1, "stop", null)).await().atMost(WAIT);
        lease.release();
        List<JournalRecord> followed = follower.toCompletableFuture().orTimeout(WAIT.toSeconds(),
                java.util.concurrent.TimeUnit.SECONDS).join();
        assertEquals(3, followed.size());
        assertEquals(List.of(id), redis.list().await().atMost(WAIT));
        assertEquals(4, redis.read(id).await().atMost(WAIT).orElseThrow().records().size());
    }
}
