package dev.trueline.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Per-key concurrency: the limit, the release, a double release, and many threads at once. */
class ConcurrencyLimitTest {

    private final ConcurrencyLimit<String> limit = new ConcurrencyLimit<>(4);

    @Test
    void fourRunAtOnceForAKeyAndTheFifthWaitsForOneToEnd() {
        List<ConcurrencyLimit.Permit> permits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            permits.add(limit.acquire("alice").orElseThrow());
        }
        assertTrue(limit.acquire("alice").isEmpty());
        assertTrue(limit.acquire("bob").isPresent(), "another key has its own four");
        permits.get(0).close();
        assertTrue(limit.acquire("alice").isPresent());
    }

    @Test
    void aPermitClosedTwiceReleasesOneSlot() {
        ConcurrencyLimit.Permit permit = limit.acquire("alice").orElseThrow();
        limit.acquire("alice").orElseThrow();
        permit.close();
        permit.close();
        assertEquals(1, limit.running("alice"));
    }

    @Test
    void manyThreadsNeverGetMoreThanTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 200; i++) {
            pool.submit(() -> {
                start.await();
                Optional<ConcurrencyLimit.Permit> permit = limit.acquire("alice");
                permit.ifPresent(p -> granted.incrementAndGet());
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(4, granted.get());
        assertEquals(4, limit.running("alice"));
    }
}
