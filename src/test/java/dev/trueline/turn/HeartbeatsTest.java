package dev.trueline.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.vertx.core.Vertx;

/** Heartbeats fill silences only, pass demand through, and end with the stream. */
class HeartbeatsTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aSilentStreamGetsHeartbeats() {
        UnicastProcessor<String> items = UnicastProcessor.create();
        AssertSubscriber<String> out = Heartbeats.during(items, Duration.ofMillis(50), () -> "ping", vertx)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        out.awaitItems(3, Duration.ofSeconds(5));
        assertTrue(out.getItems().stream().allMatch("ping"::equals), out.getItems().toString());
        items.onNext("chunk");
        items.onComplete();
        out.awaitCompletion(Duration.ofSeconds(5));
        assertEquals("chunk", out.getItems().get(out.getItems().size() - 1));
    }

    @Test
    void aFlowingStreamGetsNone() {
        Multi<String> flowing = Multi.createFrom().ticks().every(Duration.ofMillis(10)).select().first(40)
                .map(tick -> "chunk" + tick);
        AssertSubscriber<String> out = Heartbeats.during(flowing, Duration.ofMillis(200), () -> "ping", vertx)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        out.awaitCompletion(Duration.ofSeconds(5));
        assertEquals(40, out.getItems().size());
        assertTrue(out.getItems().stream().noneMatch("ping"::equals), out.getItems().toString());
    }

    @Test
    void demandGoesThroughAndAReaderThatAsksNothingGetsNothing() {
        UnicastProcessor<String> items = UnicastProcessor.create();
        AssertSubscriber<String> out = Heartbeats.during(items, Duration.ofMillis(20), () -> "ping", vertx)
                .subscribe().withSubscriber(AssertSubscriber.create(0));
        items.onNext("a");
        items.onNext("b");
        out.request(1);
        out.awaitItems(1, Duration.ofSeconds(5));
        assertEquals(List.of("a"), out.getItems(), "asked for one, got one; no heartbeat without demand");
        out.request(1);
        out.awaitItems(2, Duration.ofSeconds(5));
        assertEquals(List.of("a", "b"), out.getItems());
    }

    @Test
    void theHeartbeatsEndWithTheStream() throws InterruptedException {
        AtomicInteger made = new AtomicInteger();
        UnicastProcessor<String> items = UnicastProcessor.create();
        AssertSubscriber<String> out = Heartbeats.during(items, Duration.ofMillis(10), () -> "ping" + made
                .incrementAndGet(), vertx).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        out.awaitItems(2, Duration.ofSeconds(5));
        items.onComplete();
        out.awaitCompletion(Duration.ofSeconds(5));
        int atEnd = made.get();
        // ten heartbeat periods: a timer left running would go on making heartbeats nobody receives
        Thread.sleep(100);
        assertEquals(atEnd, made.get(), "the heartbeat timer outlived its stream");
    }
}
