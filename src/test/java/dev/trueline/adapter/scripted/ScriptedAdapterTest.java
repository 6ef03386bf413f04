package dev.trueline.adapter.scripted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.trueline.adapter.AdapterConfig;
import dev.trueline.adapter.AdapterEvent;
import dev.trueline.adapter.AdapterException;
import dev.trueline.adapter.ChatRequest;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.Vertx;

/** The scripted model's pacing and chunk size, on a real Vert.x instance. */
class ScriptedAdapterTest {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void zeroDelayEmitsExactlyWhatIsRequestedAndNoMore() throws Exception {
        ScriptedAdapter adapter = adapter(10, 6, Duration.ZERO);
        AssertSubscriber<AdapterEvent> sub = adapter.stream(request("hi")).subscribe()
                .withSubscriber(AssertSubscriber.create(3));

        sub.awaitItems(3);
        Thread.sleep(50); // a timer-paced model would go on emitting into a buffer here
        assertEquals(3, sub.getItems().size(), "emitted beyond the subscriber's demand");
        assertEquals(3, adapter.chunksProduced());

        sub.request(Long.MAX_VALUE).awaitCompletion(Duration.ofSeconds(5));
        List<AdapterEvent> events = sub.getItems();
        assertEquals(11, events.size());
        assertInstanceOf(AdapterEvent.Finish.class, events.get(10));
        assertEquals(0, adapter.activeStreams());
    }

    @Test
    void zeroDelayStillFailsWhereThePromptAsks() {
        AssertSubscriber<AdapterEvent> sub = adapter(10, 6, Duration.ZERO).stream(request("hi #fail-after=4"))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        sub.awaitFailure(Duration.ofSeconds(5)).assertFailedWith(AdapterException.class, "after 4 chunks");
        assertEquals(4, sub.getItems().size());
    }

    @Test
    void zeroDelayCancelledMidAnswerStopsProducing() {
        ScriptedAdapter adapter = adapter(100, 6, Duration.ZERO);
        AssertSubscriber<AdapterEvent> sub = adapter.stream(request("hi")).subscribe()
                .withSubscriber(AssertSubscriber.create(5));
        sub.awaitItems(5).cancel();

        assertEquals(0, adapter.activeStreams());
        sub.request(10);
        assertEquals(5, adapter.chunksProduced());
    }

    @Test
    void zeroDelayWaitsForThePauseFirst() {
        long start = System.nanoTime(); // before subscribing: the pause starts within subscribe()
        AssertSubscriber<AdapterEvent> sub = adapter(3, 6, Duration.ZERO).stream(request("hi #pause-ms=150"))
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        sub.awaitCompletion(Duration.ofSeconds(5));
        long took = System.nanoTime() - start;
        assertTrue(took >= Duration.ofMillis(140).toNanos(), "the pause was skipped: " + took);
        assertEquals(4, sub.getItems().size());
    }

    @Test
    void aDelayPacesChunksOnATimer() {
        long start = System.nanoTime();
        AssertSubscriber<AdapterEvent> sub = adapter(5, 6, Duration.ofMillis(20)).stream(request("hi")).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        sub.awaitCompletion(Duration.ofSeconds(5));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(90).toNanos(), "5 chunks 20 ms apart came early");
        assertEquals(6, sub.getItems().size());
    }

    @Test
    void chunkCharsSizesEveryChunk() {
        AssertSubscriber<AdapterEvent> sub = adapter(200, 16, Duration.ZERO).stream(request("bench")).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        List<Integer> lengths = sub.awaitCompletion(Duration.ofSeconds(5)).getItems().stream()
                .filter(AdapterEvent.Text.class::isInstance)
                .map(e -> ((AdapterEvent.Text) e).text().length()).toList();
        assertEquals(200, lengths.size());
        int min = lengths.stream().mapToInt(Integer::intValue).min().orElseThrow();
        int max = lengths.stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(min >= 16 && max <= 17, "chunks of 16 chars asked, got " + min + ".." + max);
    }

    private static ChatRequest request(String prompt) {
        return new ChatRequest(List.of(), prompt, "scripted-1");
    }

    private static ScriptedAdapter adapter(int chunks, int chunkChars, Duration delay) {
        AdapterConfig.Scripted scripted = new AdapterConfig.Scripted() {
            @Override
            public int chunks() {
                return chunks;
            }

            @Override
            public int chunkChars() {
                return chunkChars;
            }

            @Override
            public Duration delay() {
                return delay;
            }

            @Override
            public String model() {
                return "scripted-1";
            }

            @Override
            public boolean directives() {
                return true;
            }

            @Override
            public int maxChunks() {
                return 100_000;
            }

            @Override
            public Duration maxDelay() {
                return Duration.ofMinutes(10);
            }

            @Override
            public Duration maxPause() {
                return Duration.ofMinutes(10);
            }
        };
        return new ScriptedAdapter(new TestAdapterConfig(scripted), vertx);
    }

    /** Only the scripted group is read by the scripted adapter. */
    private record TestAdapterConfig(AdapterConfig.Scripted scripted) implements AdapterConfig {
        @Override
        public String kind() {
            return ScriptedAdapter.KIND;
        }

        @Override
        public OpenAi openai() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Anthropic anthropic() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int maxTokens() {
            return 4096;
        }

        @Override
        public OptionalDouble temperature() {
            return OptionalDouble.empty();
        }

        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(10);
        }

        @Override
        public Duration firstTokenTimeout() {
            return Duration.ofSeconds(10);
        }

        @Override
        public Duration idleTimeout() {
            return Duration.ofSeconds(10);
        }
    }
}
