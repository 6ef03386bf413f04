package dev.trueline.journal.redis;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.JournalUnavailableException;
import dev.trueline.journal.UserRecord;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The application with the Redis journal among its beans but no Redis configured, as every deployment that journals
 * to files is: it starts and is ready, and only a call to the Redis journal fails, as the journal being unavailable.
 */
@QuarkusTest
class RedisJournalUnconfiguredTest {

    @Inject
    RedisJournal redis;

    @Test
    void theAppIsReadyWithoutRedisAndTheRedisJournalIsUnavailable() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        assertThrows(JournalUnavailableException.class, () -> redis.append(ConversationId.of("nowhere"),
                new UserRecord(1, Instant.parse("2026-12-01T00:00:00Z"), "hi", "scripted", "m")).await()
                .atMost(Duration.ofSeconds(20)));
    }
}
