package dev.trueline.adapter.scripted;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import dev.trueline.adapter.AdapterConfig;
import dev.trueline.adapter.AdapterEvent;
import dev.trueline.adapter.AdapterException;
import dev.trueline.adapter.ChatAdapter;
import dev.trueline.adapter.ChatRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.vertx.core.Vertx;

/**
 * The embedded model: answers every prompt with {@link ScriptedReply}, one chunk per
 * {@code trueline.adapter.scripted.delay}, on a Vert.x timer that is cancelled as soon as the subscriber leaves.
 * Deterministic and offline, so the service runs and its tests pass with no network.
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
        List<String> pieces = ScriptedReply.chunks(request.prompt(), script.chunks());
        // BUFFER: the timer never waits for the consumer; at most one answer's chunks can pile up.
        return Multi.createFrom().<AdapterEvent> emitter(emitter -> {
            active.incrementAndGet();
            AtomicInteger next = new AtomicInteger();
            long[] timer = new long[1];
            Runnable release = () -> {
                vertx.cancelTimer(timer[0]);
                active.decrementAndGet();
            };
            emitter.onTermination(release);
            Runnable tick = () -> {
                int i = next.getAndIncrement();
                if (i == script.failAfter()) {
                    emitter.fail(new AdapterException(AdapterException.UPSTREAM_FAILED,
                            "the scripted model failed after " + i + " chunks, as the prompt asked (#fail-after)"));
                } else if (i < pieces.size()) {
                    produced.incrementAndGet();
                    emitter.emit(new AdapterEvent.Text(pieces.get(i)));
                } else {
                    emitter.emit(new AdapterEvent.Finish("stop", null));
                    emitter.complete();
                }
            };
            long delay = Math.max(1, script.delay().toMillis());
            timer[0] = vertx.setTimer(Math.max(1, script.pause().toMillis() + delay), first -> {
                if (emitter.isCancelled()) {
                    return;
                }
                timer[0] = vertx.setPeriodic(delay, id -> {
                    if (emitter.isCancelled()) {
                        vertx.cancelTimer(id); // the subscriber left while the timer id was being replaced
                        return;
                    }
                    tick.run();
                });
                tick.run();
            });
        }, BackPressureStrategy.BUFFER);
    }

    /** Streams whose timer is still running: zero once every subscriber has completed or left. */
    public int activeStreams() {
        return active.get();
    }

    /** Chunks produced since start, across all streams. */
    public long chunksProduced() {
        return produced.get();
    }
}
