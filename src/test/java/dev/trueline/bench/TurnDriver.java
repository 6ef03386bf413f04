package dev.trueline.bench;

import java.util.concurrent.CountDownLatch;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/**
 * One event loop's share of the streams: each slot runs turn after turn (a fresh conversation each) until the
 * {@link Phase} says stop, reading every event, checking it and timing chunks in the measured window. Everything
 * here runs on this verticle's event loop, so the counters need no locks.
 */
final class TurnDriver extends AbstractVerticle {

    private final LoadOptions options;
    private final Phase phase;
    private final int slots;
    private final String prefix;
    private final CountDownLatch slotsDone;
    final LoadStats stats = new LoadStats();
    private HttpClient client;
    private long turnsStarted;

    TurnDriver(LoadOptions options, Phase phase, int slots, String prefix, CountDownLatch slotsDone) {
        this.options = options;
        this.phase = phase;
        this.slots = slots;
        this.prefix = prefix;
        this.slotsDone = slotsDone;
    }

    @Override
    public void start() {
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(30_000)
                .setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(slots).setMaxWaitQueueSize(-1));
        // ramp: one new connection per 1/ramp s per event loop share, so a listen backlog never overflows
        double perSlotMillis = options.rampPerSecond() > 0
                ? 1000.0 * options.eventLoops() / options.rampPerSecond()
                : 0;
        for (int i = 0; i < slots; i++) {
            long at = (long) (i * perSlotMillis);
            if (at == 0) {
                nextTurn();
            } else {
                vertx.setTimer(at, t -> nextTurn());
            }
        }
    }

    private void nextTurn() {
        if (!phase.mayStartTurn()) {
            slotsDone.countDown();
            return;
        }
        String cid = prefix + "-" + (turnsStarted++);
        long sent = System.nanoTime();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(options.url().getHost())
                .setPort(options.url().getPort()).setURI(options.protocol().turnPath(cid))
                .putHeader("Content-Type", "application/json").putHeader("Accept", "text/event-stream");
        Buffer body = Buffer.buffer(new JsonObject().put("prompt", options.prompt()).encode());
        client.request(request).compose(r -> r.send(body))
                .onSuccess(response -> new Stream(cid, sent, options.protocol().newCheck(options.chunks()))
                        .read(response))
                .onFailure(e -> {
                    stats.streams++;
                    stats.error("connect", e.toString());
                    nextTurn();
                });
    }

    /** One response being read: the POST of a turn, then, after a disconnect, its resume. */
    private final class Stream implements SseParser.Listener {
        private final String cid;
        private final long sent;
        private StreamCheck check;
        private HttpClientResponse response;
        private long lastChunk;
        private boolean resumed;
        private long resumeSent;
        private boolean left;
        private boolean done;

        Stream(String cid, long sent, StreamCheck check) {
            this.cid = cid;
            this.sent = sent;
            this.check = check;
        }

        void read(HttpClientResponse r) {
            response = r;
            stats.streams++;
            if (r.statusCode() != 200) {
                r.body().onComplete(b -> finishWith("http_" + r.statusCode(),
                        b.succeeded() ? b.result().toString() : String.valueOf(b.cause())));
                return;
            }
            SseParser parser = new SseParser(this);
            r.handler(parser::feed);
            r.endHandler(v -> {
                if (!left) {
                    check.bodyEnded();
                    finish();
                }
            });
            r.exceptionHandler(e -> {
                if (!left) {
                    finishWith("reset", cid + " after " + check.chunks() + " chunks: " + e);
                }
            });
        }

        @Override
        public void onEvent(String id, String event, String data) {
            if (left) {
                return;
            }
            long now = System.nanoTime();
            boolean chunk;
            try {
                chunk = check.accept(id, event, data);
            } catch (RuntimeException unparsable) {
                finishWith("protocol", cid + ": unparsable event " + event + " " + data + ": " + unparsable);
                response.request().connection().close();
                return;
            }
            if (!chunk) {
                return;
            }
            stats.chunks++;
            if (phase.inWindow(now)) {
                stats.windowChunks++;
            }
            if (resumed && resumeSent != 0) {
                stats.resumeFirstChunk.record((now - resumeSent) / 1000);
                resumeSent = 0;
            } else if (lastChunk == 0) {
                if (phase.inWindow(sent)) {
                    stats.firstChunk.record((now - sent) / 1000);
                }
            } else if (phase.inWindow(now)) {
                stats.gap.record((now - lastChunk) / 1000);
            }
            lastChunk = now;
            if (!resumed && options.disconnectAfter() > 0 && check.chunks() == options.disconnectAfter()) {
                leave();
            }
        }

        @Override
        public void onComment(String comment) {
            stats.heartbeats++;
        }

        /** Drops the connection mid-stream, like a closed tab; then resumes, or goes on with the next turn. */
        private void leave() {
            left = true;
            stats.disconnects++;
            response.request().connection().close();
            if (!options.resume()) {
                finish();
                return;
            }
            TruelineCheck before = (TruelineCheck) check;
            resumeSent = System.nanoTime();
            RequestOptions get = new RequestOptions().setMethod(HttpMethod.GET).setHost(options.url().getHost())
                    .setPort(options.url().getPort()).setURI(Protocol.resumePath(cid, before.turn()))
                    .putHeader("Accept", "text/event-stream")
                    .putHeader("Last-Event-ID", before.turn() + ":" + before.lastSeq());
            client.request(get).compose(r -> r.send()).onSuccess(r -> {
                if (r.statusCode() == 404 || r.statusCode() == 405) {
                    stats.resumeUnavailable++;
                    stats.resumeUnavailableStatus = r.statusCode();
                    r.body().onComplete(ignored -> finish());
                    return;
                }
                stats.resumes++;
                stats.textChars += before.textChars();
                check = TruelineCheck.resumedAfter(options.chunks(), before.turn(), before.lastSeq());
                left = false;
                resumed = true;
                read(r);
                stats.streams--; // the same stream, resumed
            }).onFailure(e -> finishWith("resume_connect", cid + ": " + e));
        }

        private void finish() {
            if (left) {
                end(null, null, false); // left on purpose and not resumed: neither complete nor an error
            } else if (check.complete()) {
                end(null, null, true);
            } else if (check.failed()) {
                end("error_event", cid + ": " + check.problem(), false);
            } else {
                String problem = check.problem();
                end(problem != null && problem.contains("due") ? "order" : "incomplete", cid + ": " + problem, false);
            }
        }

        private void finishWith(String kind, String detail) {
            end(kind, detail, false);
        }

        private void end(String errorKind, String detail, boolean complete) {
            if (done) {
                return;
            }
            done = true;
            stats.textChars += check.textChars();
            if (errorKind != null) {
                stats.error(errorKind, detail);
            }
            if (complete) {
                stats.complete++;
                if (phase.inWindow(System.nanoTime())) {
                    stats.windowTurns++;
                }
            }
            nextTurn();
        }
    }
}
