package dev.trueline.bench;

import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * S5: the cost of resuming a finished turn ({@code GET /api/conversations/{cid}/turns/{turn}/events} with
 * {@code Last-Event-ID: <turn>:<seq>}) in a short and in a long conversation. First it probes the endpoint on a
 * turn it just ran: a 404 or 405 there means the server has no resume endpoint yet, and the result says "not
 * available". The conversations themselves were written into the journal before the server started
 * ({@link FinishedConversations}): building them through the API would take longer than the run. Each conversation
 * is resumed {@value #WARMUP} times at random points first, untimed, all sizes before any is measured (so that
 * neither is measured on a colder JIT, and whatever the server learns on a first read is learnt); then, per size,
 * {@code resumes} resumes at random points, {@code concurrency} at a time, each one's events checked (ids in order
 * from the named chunk on, the right chunk count, a proper end), timed, and the server's CPU over them read.
 */
final class ResumeDriver {

    /** Untimed resumes per conversation before any is measured. */
    static final int WARMUP = 100;

    private final LoadOptions options;
    private final HttpClient client;

    ResumeDriver(Vertx vertx, LoadOptions options) {
        this.options = options;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(Math.max(1, options.concurrency())));
    }

    JsonObject run() throws Exception {
        long stamp = System.currentTimeMillis();
        String probe = "s5-probe-" + stamp;
        SseRequest.Outcome turn = turn(probe);
        if (!turn.ok()) {
            return new JsonObject().put("available", false).put("reason", "the probe turn failed: " + turn.problem());
        }
        int chunks = turn.check().chunks();
        SseRequest.Outcome resumed = resume(probe, 1, chunks / 2, chunks);
        if (resumed.status() == 404 || resumed.status() == 405) {
            return new JsonObject().put("available", false).put("status", resumed.status())
                    .put("reason", "GET " + Protocol.resumePath(probe, 1) + " answered " + resumed.status()
                            + ": the server has no resume endpoint yet");
        }
        if (!resumed.ok()) {
            return new JsonObject().put("available", false).put("reason", "the probe resume failed: "
                    + resumed.problem());
        }
        if (options.chunks() > 0 && chunks != options.chunks()) {
            return new JsonObject().put("available", false).put("reason", "the probe turn had " + chunks
                    + " chunks, the written conversations " + options.chunks());
        }
        JsonObject warmup = new JsonObject();
        for (int turns : options.conversationTurns()) {
            Batch batch = resumes(FinishedConversations.id(turns), turns, WARMUP, chunks, new Random(-turns));
            warmup.put(Integer.toString(turns), batch.summary());
            log("warm-up of the %d-turn conversation: %d resumes, %d errors", turns, WARMUP, batch.errors);
        }
        JsonArray sizes = new JsonArray();
        for (int turns : options.conversationTurns()) {
            sizes.add(measure(FinishedConversations.id(turns), turns, chunks));
        }
        return new JsonObject().put("available", true).put("warmupResumes", WARMUP).put("warmup", warmup)
                .put("sizes", sizes);
    }

    private JsonObject measure(String cid, int turns, int chunks) throws Exception {
        ProcStats before = options.serverPids().isEmpty() ? null : ProcStats.of(options.serverPids());
        long start = System.nanoTime();
        Batch batch = resumes(cid, turns, options.resumes(), chunks, new Random(turns));
        double seconds = (System.nanoTime() - start) / 1e9;
        log("%d-turn conversation: %d resumes in %.1f s, %d errors", turns, options.resumes(), seconds, batch.errors);
        JsonObject size = new JsonObject().put("conversationTurns", turns).put("chunksPerTurn", chunks)
                .put("resumes", options.resumes()).put("resumesPerSecond", LoadResult.round(options.resumes() / seconds))
                .put("firstEventP50Ms", LoadResult.ms(batch.first.percentile(50)))
                .put("firstEventP99Ms", LoadResult.ms(batch.first.percentile(99)))
                .put("wholeP50Ms", LoadResult.ms(batch.whole.percentile(50)))
                .put("wholeP99Ms", LoadResult.ms(batch.whole.percentile(99)))
                .mergeIn(batch.summary());
        if (before != null) {
            double cpu = ProcStats.of(options.serverPids()).cpuSeconds() - before.cpuSeconds();
            size.put("serverCpuMsPerResume", LoadResult.round(cpu * 1000 / options.resumes()));
        }
        return size;
    }

    /** What a run of resumes gave: both timings of each resume whose events checked out, and the others. */
    private static final class Batch {

        final LatencyHistogram first = new LatencyHistogram();
        final LatencyHistogram whole = new LatencyHistogram();
        long verified;
        long chunks;
        long errors;
        String errorSample;

        synchronized void add(SseRequest.Outcome o, int expectedChunks) {
            if (o.ok() && o.check().chunks() == expectedChunks) {
                // time to first event: to the first chunk, or to the end when the resume was after the last chunk
                first.record(((o.firstChunkNanos() == 0 ? o.endNanos() : o.firstChunkNanos()) - o.sentNanos())
                        / 1000);
                whole.record((o.endNanos() - o.sentNanos()) / 1000);
                verified++;
                chunks += expectedChunks;
                return;
            }
            errors++;
            if (errorSample == null) {
                errorSample = o.ok() ? o.check().chunks() + " chunks where " + expectedChunks + " were due"
                        : o.problem();
            }
        }

        JsonObject summary() {
            JsonObject j = new JsonObject().put("verified", verified).put("chunksReplayed", chunks)
                    .put("errors", errors);
            return errorSample == null ? j : j.put("errorSample", errorSample);
        }
    }

    /** {@code count} resumes of random finished turns of {@code cid} after a random chunk, as many at once as allowed. */
    private Batch resumes(String cid, int turns, int count, int chunks, Random random) throws Exception {
        Batch batch = new Batch();
        Semaphore inFlight = new Semaphore(Math.max(1, options.concurrency()));
        CompletableFuture<?>[] all = new CompletableFuture<?>[count];
        for (int i = 0; i < count; i++) {
            int t = 1 + random.nextInt(turns);
            int seq = random.nextInt(chunks); // 0: after the turn event, so the whole answer
            inFlight.acquire();
            all[i] = resumeAsync(cid, t, seq, chunks).whenComplete((o, e) -> {
                batch.add(o != null ? o : new SseRequest.Outcome(0, null, 0, 0, 0, String.valueOf(e)), chunks - seq);
                inFlight.release();
            });
        }
        CompletableFuture.allOf(all).get((long) options.timeoutSeconds(), TimeUnit.SECONDS);
        return batch;
    }

    private SseRequest.Outcome turn(String cid) throws Exception {
        RequestOptions post = new RequestOptions().setMethod(HttpMethod.POST).setHost(options.url().getHost())
                .setPort(options.url().getPort()).setURI(Protocol.TRUELINE.turnPath(cid))
                .putHeader("Content-Type", "application/json").putHeader("Accept", "text/event-stream");
        return SseRequest.send(client, post, Buffer.buffer(new JsonObject().put("prompt", options.prompt()).encode()),
                new TruelineCheck(options.chunks())).get((long) options.timeoutSeconds(), TimeUnit.SECONDS);
    }

    private SseRequest.Outcome resume(String cid, int turn, int seq, int chunks) throws Exception {
        return resumeAsync(cid, turn, seq, chunks).get((long) options.timeoutSeconds(), TimeUnit.SECONDS);
    }

    private CompletableFuture<SseRequest.Outcome> resumeAsync(String cid, int turn, int seq, int chunks) {
        RequestOptions get = new RequestOptions().setMethod(HttpMethod.GET).setHost(options.url().getHost())
                .setPort(options.url().getPort()).setURI(Protocol.resumePath(cid, turn))
                .putHeader("Accept", "text/event-stream").putHeader("Last-Event-ID", turn + ":" + seq);
        return SseRequest.send(client, get, null, TruelineCheck.resumedAfter(chunks, turn, seq));
    }

    private static void log(String format, Object... args) {
        System.err.printf("load: " + format + "%n", args);
    }
}
