package dev.trueline.adapter.scripted;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.trueline.adapter.AdapterConfig;
import dev.trueline.adapter.AdapterEvent;
import dev.trueline.adapter.ChatAdapter;
import dev.trueline.adapter.ChatRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.vertx.core.Vertx;

/**
 * The embedded model: answers every prompt with {@link ScriptedReply}, one chunk per
 * {@code trueline.adapter.scripted.delay} on a Vert.x timer that is cancelled as soon as the subscriber leaves, or,
 * with a delay of zero, one chunk per item the subscriber requests. Deterministic and offline, so the service runs
 * and its tests pass with no network, and benchmarks can drive the pipeline with a model of known speed.
 */
@ApplicationScoped
@Typed(ScriptedAdapter.class) // selected as a ChatAdapter by AdapterProducer, not injected directly
public class ScriptedAdapter implements ChatAdapter {

    public static final String KIND = "scripted";

    private final AdapterConfig.Scripted config;
    private final Vertx vertx;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong produced = new AtomicLong();

    public ScriptedAdapter(AdapterConfig config, Vertx vertx) {
        this.config = config.scripted();
        this.vertx = vertx;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String defaultModel() {
        return config.model();
    }

    @Override
    public Multi<AdapterEvent> stream(ChatRequest request) {
        ScriptDirectives script = ScriptDirectives.parse(request.prompt(), config);
        ScriptCursor cursor = new ScriptCursor(
                ScriptedReply.chunks(request.prompt(), script.chunks(), config.chunkChars()), script.failAfter(),
                produced::incrementAndGet);
        Multi<AdapterEvent> events = script.delay().isZero() ? onDemand(cursor, script.pause())
                : paced(cursor, script.pause(), script.delay());
        return events.onSubscription().invoke(active::incrementAndGet)
                .onTermination().invoke(active::decrementAndGet);
    }

    /**
     * A delay of zero: no timer, each request of the subscriber takes the next step at once, so the model never runs
     * ahead of the pipeline and is never slower than it (the reference design's {@code sleep(0)}).
     */
    private Multi<AdapterEvent> onDemand(ScriptCursor cursor, Duration pause) {
        Multi<AdapterEvent> steps = Multi.createFrom().generator(() -> cursor, (c, emitter) -> {
            c.step(emitter::emit, emitter::fail, emitter::complete);
            return c;
        });
        return pause.isZero() ? steps : after(pause).onItem().transformToMulti(ignored -> steps);
    }

    /** A Vert.x timer of {@code pause}, released if the subscriber leaves before it fires. */
    private Uni<Void> after(Duration pause) {
        return Uni.createFrom().emitter(emitter -> {
            long timer = vertx.setTimer(Math.max(1, pause.toMillis()), fired -> emitter.complete(null));
            emitter.onTermination(() -> vertx.cancelTimer(timer));
        });
    }

    /** One step per {@code delay} on a Vert.x periodic timer (at least 1 ms), after {@code pause}. */
    private Multi<AdapterEvent> paced(ScriptCursor cursor, Duration pause, Duration delay) {
        // BUFFER: the timer never waits for the consumer; at most one answer's chunks can pile up.
        return Multi.createFrom().<AdapterEvent> emitter(emitter -> {
            long[] timer = new long[1];
            emitter.onTermination(() -> vertx.cancelTimer(timer[0]));
            long every = Math.max(1, delay.toMillis());
            timer[0] = vertx.setTimer(Math.max(1, pause.toMillis() + every), first -> {
                if (emitter.isCancelled()) {
                    return;
                }
                timer[0] = vertx.setPeriodic(every, id -> {
                    if (emitter.isCancelled()) {
                        vertx.cancelTimer(id); // the subscriber left while the timer id was being replaced
                        return;
                    }
                    cursor.step(emitter::emit, emitter::fail, emitter::complete);
                });
                cursor.step(emitter::emit, emitter::fail, emitter::complete);
            });
        }, BackPressureStrategy.BUFFER);
    }

    /** Streams still running: zero once every subscriber has completed or left. */
    public int activeStreams() {
        return active.get();
    }

    /** Chunks produced since start, across all streams. */
    public long chunksProduced() {
        return produced.get();
    }
}
