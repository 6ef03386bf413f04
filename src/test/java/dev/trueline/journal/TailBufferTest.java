package dev.trueline.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * A follower's buffer on a live tail, with the follower draining it on one thread while the tail fills it on another,
 * as an SSE response does (it asks for the next record from the event loop once a write completed).
 */
class TailBufferTest {

    private static final Instant TS = Instant.parse("2026-12-01T00:00:00Z");

    /**
     * The follower finds the buffer empty and is held up right there, before it looks whether the tail ended; the
     * tail meanwhile publishes the terminal record and completes. The follower must still get the terminal record:
     * without it the turn looks as if its process died ({@code server_stopped}).
     */
    @Test
    void theTailsEndNeverOvertakesItsTerminalRecord() throws Exception {
        CountDownLatch foundEmpty = new CountDownLatch(1);
        CountDownLatch published = new CountDownLatch(1);
        Thread[] follower = new Thread[1];
        ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(8) {
            @Override
            public Object poll() {
                Object item = super.poll();
                if (item == null && Thread.currentThread() == follower[0] && foundEmpty.getCount() > 0) {
                    foundEmpty.countDown();
                    awaitQuietly(published); // a follower preempted between the empty poll and what follows it
                }
                return item;
            }
        };
        TailBuffer buffer = new TailBuffer(queue);
        buffer.onSubscribe(new NoSubscription());
        AssertSubscriber<JournalRecord> records = buffer.records().subscribe()
                .withSubscriber(AssertSubscriber.create(0));
        follower[0] = new Thread(() -> records.request(5), "follower");
        follower[0].start();
        assertTrue(foundEmpty.await(5, TimeUnit.SECONDS), "the follower never drained the buffer");

        EndRecord end = new EndRecord(1, TS, 0, "stop", null);
        buffer.onNext(end); // the tail, on the journal's thread: its terminal record, then its completion
        buffer.onComplete();
        published.countDown();
        follower[0].join(5_000);

        records.awaitCompletion(Duration.ofSeconds(5));
        assertEquals(List.of(end), records.getItems(), "the follower ended without the terminal record");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class NoSubscription implements Flow.Subscription {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    }
}
