package dev.trueline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;

/**
 * The project's load generator: one process, a few Vert.x event loops (one per core it may use), up to 10,000
 * connections. Every event is counted and checked (ids in order, no gap, a proper end); time to first chunk and the
 * gaps between chunks are timed at the client in the measured window; the server's CPU and peak RSS are read from
 * /proc when its pid is given. Prints the result as one JSON line. See {@link LoadOptions} for the command line.
 */
public final class LoadGenerator {

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options = LoadOptions.parse(args);
        LoadResult result = run(options);
        if (options.out() != null) {
            Files.writeString(Path.of(options.out()), result.json().encode());
        }
        System.out.println(result.json().encode());
        System.exit(0); // Vert.x threads are non-daemon only while closing; never hang the harness
    }

    static LoadResult run(LoadOptions o) throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(o.eventLoops())
                .setWorkerPoolSize(1).setBlockedThreadCheckInterval(10_000));
        try {
            if ("resume".equals(o.mode())) {
                JsonObject s5 = new ResumeDriver(vertx, o).run();
                return new LoadResult(new JsonObject().put("protocol", o.protocol().name().toLowerCase())
                        .put("mode", "resume").put("s5", s5));
            }
            return turns(vertx, o);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static LoadResult turns(Vertx vertx, LoadOptions o) throws Exception {
        Phase phase = new Phase(o.warmupSeconds(), o.measureSeconds(), o.maxTurns());
        CountDownLatch slotsDone = new CountDownLatch(o.concurrency());
        List<TurnDriver> drivers = new ArrayList<>();
        String run = Long.toString(System.currentTimeMillis(), 36);
        for (int i = 0; i < o.eventLoops(); i++) {
            int slots = o.concurrency() / o.eventLoops() + (i < o.concurrency() % o.eventLoops() ? 1 : 0);
            if (slots == 0) {
                continue;
            }
            TurnDriver driver = new TurnDriver(o, phase, slots, "b" + run + "-" + i, slotsDone);
            drivers.add(driver);
            vertx.deployVerticle(driver).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        sleepUntil(phase.windowStartNanos());
        ProcStats atStart = sample(o);
        log("window open: %d streams", o.concurrency());
        long windowEnd;
        boolean drained;
        if (phase.bounded()) {
            sleepUntil(phase.windowEndNanos());
            windowEnd = phase.windowEndNanos();
            ProcStats cpuAtEnd = sample(o);
            log("window closed after %.1f s; draining", o.measureSeconds());
            drained = slotsDone.await((long) (o.timeoutSeconds() * 1000), TimeUnit.MILLISECONDS);
            ProcStats peak = sample(o);
            return finish(vertx, o, drivers, slotsDone, drained, windowEnd - phase.windowStartNanos(), atStart,
                    cpuAtEnd == null ? null : new ProcStats(cpuAtEnd.cpuSeconds(), peak.peakRssKib()));
        }
        drained = slotsDone.await((long) (o.timeoutSeconds() * 1000), TimeUnit.MILLISECONDS);
        windowEnd = System.nanoTime();
        return finish(vertx, o, drivers, slotsDone, drained, windowEnd - phase.windowStartNanos(), atStart,
                sample(o));
    }

    private static LoadResult finish(Vertx vertx, LoadOptions o, List<TurnDriver> drivers, CountDownLatch slotsDone,
            boolean drained, long windowNanos, ProcStats atStart, ProcStats atEnd) throws Exception {
        // Closing the client's event loops first makes their counters safe to read here.
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        LoadStats all = new LoadStats();
        drivers.forEach(d -> all.add(d.stats));
        if (!drained) {
            all.error("timeout", slotsDone.getCount() + " streams still running " + o.timeoutSeconds()
                    + " s after the window closed");
        }
        return LoadResult.of(o, all, windowNanos / 1e9, atStart, atEnd);
    }

    private static ProcStats sample(LoadOptions o) {
        return o.serverPids().isEmpty() ? null : ProcStats.of(o.serverPids());
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static void log(String format, Object... args) {
        System.err.printf("load: " + format + "%n", args);
    }
}
