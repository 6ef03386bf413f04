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
 * available" instead of building conversations for nothing. Otherwise, for each size it runs that many turns in one
 * conversation, then resumes random points of them, {@code concurrency} at a time, timing each and the server's CPU.
 */
final class ResumeDriver {

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
        int seq = Math.max(0, turn.check().chunks() / 2);
        SseRequest.Outcome resumed = resume(probe, 1, seq, turn.check().chunks());
        if (resumed.status() == 404 || resumed.status() == 405) {
            return new JsonObject().put("available", false).put("status", resumed.status())
                    .put("reason", "GET " + Protocol.resumePath(probe, 1) + " answered " + resumed.status()
                            + ": the server has no resume endpoint yet");
        }
        if (!resumed.ok()) {
            return new JsonObject().put("available", false).put("reason", "the probe resume failed: "
                    + resumed.problem());
        }
        JsonArray sizes = new JsonArray();
        for (int turns : options.conversationTurns()) {
            sizes.add(measure("s5-" + turns + "-" + stamp, turns));
        }
        return new JsonObject().put("available", true).put("sizes", sizes);
    }

    private JsonObject measure(String cid, int turns) throws Exception {
        int chunks = 0;
        long setupErrors = 0;
        for (int t = 1; t <= turns; t++) {
            SseRequest.Outcome o = turn(cid);
            chunks = Math.max(chunks, o.ok() ? o.check().chunks() : 0);
            setupErrors += o.ok() ? 0 : 1;
        }
        Random random = new Random(turns);
        LatencyHistogram first = new LatencyHistogram();
        LatencyHistogram whole = new LatencyHistogram();
        long[] errors = new long[1];
        Semaphore inFlight = new Semaphore(Math.max(1, options.concurrency()));
        ProcStats before = options.serverPid() > 0 ? ProcStats.of(options.serverPid()) : null;
        long start = System.nanoTime();
        CompletableFuture<?>[] all = new CompletableFuture<?>[options.resumes()];
        for (int i = 0; i < options.resumes(); i++) {
            int t = 1 + random.nextInt(turns);
            int seq = random.nextInt(Math.max(1, chunks));
            inFlight.acquire();
            int expected = chunks;
            all[i] = resumeAsync(cid, t, seq, expected).whenComplete((o, e) -> {
                synchronized (first) {
                    if (o != null && o.ok() && o.check().chunks() == expected - seq) {
                        first.record(((o.firstChunkNanos() == 0 ? o.endNanos() : o.firstChunkNanos())
                                - o.sentNanos()) / 1000);
                        whole.record((o.endNanos() - o.sentNanos()) / 1000);
                    } else {
                        errors[0]++;
                    }
                }
                inFlight.release();
            });
        }
        CompletableFuture.allOf(all).get((long) options.timeoutSeconds(), TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        JsonObject size = new JsonObject().put("conversationTurns", turns).put("chunksPerTurn", chunks)
                .put("setupErrors", setupErrors).put("resumes", options.resumes()).put("errors", errors[0])
                .put("resumesPerSecond", LoadResult.round(options.resumes() / seconds))
                .put("firstEventP50Ms", LoadResult.ms(first.percentile(50)))
                .put("firstEventP99Ms", LoadResult.ms(first.percentile(99)))
                .put("wholeP50Ms", LoadResult.ms(whole.percentile(50)))
                .put("wholeP99Ms", LoadResult.ms(whole.percentile(99)));
        if (before != null) {
            double cpu = ProcStats.of(options.serverPid()).cpuSeconds() - before.cpuSeconds();
            size.put("serverCpuMsPerResume", LoadResult.round(cpu * 1000 / options.resumes()));
        }
        return size;
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
}
