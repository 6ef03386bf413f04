package dev.trueline.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The bucket on a clock the test moves. */
class TokenBucketTest {

    private final AtomicLong now = new AtomicLong(-5_000_000_000L); // nanoTime may be negative
    private final TokenBucket bucket = new TokenBucket(30, Duration.ofMinutes(1), now::get);

    @Test
    void aFullBucketGivesItsWholeBurstThenRefuses() {
        for (int i = 0; i < 30; i++) {
            assertTrue(bucket.take().granted(), "take " + i);
        }
        TokenBucket.Take refused = bucket.take();
        assertFalse(refused.granted());
        assertEquals(Duration.ofSeconds(2), refused.retryAfter(), "one token every 2 s at 30 a minute");
    }

    @Test
    void tokensComeBackAtTheRateAndNoFasterThanTheCapacity() {
        for (int i = 0; i < 30; i++) {
            bucket.take();
        }
        advance(Duration.ofMillis(1999));
        assertFalse(bucket.take().granted());
        advance(Duration.ofMillis(1));
        assertTrue(bucket.take().granted(), "a token after 2 s");
        advance(Duration.ofHours(1));
        assertEquals(30, bucket.available(), "never more than the capacity");
    }

    @Test
    void aRefusalTakesNothing() {
        for (int i = 0; i < 30; i++) {
            bucket.take();
        }
        for (int i = 0; i < 100; i++) {
            bucket.take();
        }
        advance(Duration.ofSeconds(2));
        assertTrue(bucket.take().granted(), "refused takes did not dig a hole");
    }

    @Test
    void theRetryAfterShrinksAsTimePasses() {
        for (int i = 0; i < 30; i++) {
            bucket.take();
        }
        advance(Duration.ofMillis(500));
        assertEquals(Duration.ofMillis(1500), bucket.take().retryAfter());
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
