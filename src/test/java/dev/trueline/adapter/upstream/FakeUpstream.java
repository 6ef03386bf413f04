package dev.trueline.adapter.upstream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A real HTTP server that plays a model provider: it replays scripted byte streams, write by write, and records
 * every request it got and when its connection closed. A request picks its script by a {@code [[name]]} marker in
 * its last user message, so each test owns its scripts.
 */
public final class FakeUpstream {

    private static final Pattern MARKER = Pattern.compile("\\[\\[([\\w-]+)]]");

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile HttpServer server;
    private volatile int port;

    /** Starts on a random free port. */
    public void start() {
        listen(0);
    }

    /** Stops listening, so that connecting is refused, until {@link #restart()}. */
    public void stop() {
        await(server.close().toCompletionStage().toCompletableFuture());
    }

    /** Listens again on the same port. */
    public void restart() {
        listen(port);
    }

    public void close() {
        await(vertx.close().toCompletionStage().toCompletableFuture());
    }

    public int port() {
        return port;
    }

    /** What the server answers to requests whose last user message carries {@code [[name]]}. */
    public void script(String name, Reply reply) {
        replies.put(name, reply);
    }

    /** Requests that carried {@code [[name]]}, in arrival order. */
    public List<Received> received(String name) {
        return received.stream().filter(r -> name.equals(r.marker())).toList();
    }

    private void listen(int wanted) {
        server = vertx.createHttpServer().requestHandler(this::handle);
        port = await(server.listen(wanted, "localhost").toCompletionStage().toCompletableFuture()).actualPort();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            String text = body.toString(StandardCharsets.UTF_8);
            String marker = markerOf(text);
            Received r = new Received(request.method().name(), request.path(), headersOf(request), text, marker);
            received.add(r);
            HttpServerResponse response = request.response();
            response.closeHandler(v -> r.closedAtNanos = System.nanoTime());
            Reply reply = marker == null ? null : replies.get(marker);
            if (reply == null) {
                response.setStatusCode(404).end("{\"error\":{\"message\":\"no script for " + marker + "\"}}");
                return;
            }
            play(reply.steps.iterator(), request, response, r);
        });
    }

    private void play(Iterator<Step> steps, HttpServerRequest request, HttpServerResponse response, Received r) {
        if (!steps.hasNext() || r.closedAtNanos != 0) {
            return;
        }
        Step step = steps.next();
        step.run(this, request, response, r, () -> play(steps, request, response, r));
    }

    private static Map<String, String> headersOf(HttpServerRequest request) {
        Map<String, String> headers = new ConcurrentHashMap<>();
        request.headers().forEach(h -> headers.merge(h.getKey().toLowerCase(), h.getValue(), (a, b) -> a + ", " + b));
        return headers;
    }

    private static String markerOf(String body) {
        try {
            JsonArray messages = new JsonObject(body).getJsonArray("messages");
            String lastUser = null;
            for (int i = 0; i < messages.size(); i++) {
                JsonObject m = messages.getJsonObject(i);
                if ("user".equals(m.getString("role"))) {
                    lastUser = m.getString("content");
                }
            }
            String marker = null;
            Matcher m = MARKER.matcher(lastUser == null ? "" : lastUser);
            while (m.find()) {
                marker = m.group(1);
            }
            return marker;
        } catch (RuntimeException notAChatRequest) {
            return null;
        }
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One request as the server saw it, and what became of its connection. */
    public static final class Received {
        private final String method;
        private final String path;
        private final Map<String, String> headers;
        private final String body;
        private final String marker;
        volatile long closedAtNanos;
        final AtomicInteger writes = new AtomicInteger();

        Received(String method, String path, Map<String, String> headers, String body, String marker) {
            this.method = method;
            this.path = path;
            this.headers = headers;
            this.body = body;
            this.marker = marker;
        }

        public String method() {
            return method;
        }

        public String path() {
            return path;
        }

        /** Header names in lower case. */
        public Map<String, String> headers() {
            return headers;
        }

        public JsonObject json() {
            return new JsonObject(body);
        }

        public String marker() {
            return marker;
        }

        /** When the server saw its connection close, 0 while it is open. */
        public long closedAtNanos() {
            return closedAtNanos;
        }

        /** Writes of the response body that went out while the connection was open. */
        public int writes() {
            return writes.get();
        }
    }

    /** A script: steps played in order, each when the previous one finished. */
    public static final class Reply {
        private final List<Step> steps = new ArrayList<>();

        /** Status line and headers of an event stream, sent at once. */
        public static Reply sse() {
            return new Reply().then((up, req, res, r, next) -> {
                res.setStatusCode(200).setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8")
                        .putHeader("cache-control", "no-cache");
                res.writeHead().onComplete(x -> next.run());
            });
        }

        /** A complete non-streaming answer, e.g. an error. */
        public static Reply status(int status, String contentType, String body, String... headerPairs) {
            return new Reply().then((up, req, res, r, next) -> {
                res.setStatusCode(status).putHeader("content-type", contentType);
                for (int i = 0; i + 1 < headerPairs.length; i += 2) {
                    res.putHeader(headerPairs[i], headerPairs[i + 1]);
                }
                res.end(body);
            });
        }

        /** A script that never answers: not even a status line. */
        public static Reply silence() {
            return new Reply();
        }

        /** One write of these UTF-8 bytes (one HTTP chunk, flushed). */
        public Reply write(String text) {
            return write(text.getBytes(StandardCharsets.UTF_8));
        }

        /** One write of raw bytes: lets a script cut a multi-byte character in two. */
        public Reply write(byte[] bytes) {
            return then((up, req, res, r, next) -> {
                res.write(Buffer.buffer(bytes)).onComplete(x -> {
                    if (x.succeeded()) {
                        r.writes.incrementAndGet();
                    }
                    next.run();
                });
            });
        }

        /**
         * {@code text} in several writes, cut at these UTF-8 byte offsets (see {@link #offset}) and {@code millis}
         * apart: a client must join the pieces, also a character cut in two.
         */
        public Reply writeInPieces(String text, long millis, int... cuts) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            Reply reply = this;
            int from = 0;
            for (int cut : cuts) {
                reply = reply.write(Arrays.copyOfRange(bytes, from, cut)).pause(millis);
                from = cut;
            }
            return reply.write(Arrays.copyOfRange(bytes, from, bytes.length));
        }

        /** The UTF-8 byte offset {@code into} bytes into the first {@code part} of {@code text}. */
        public static int offset(String text, String part, int into) {
            int at = text.indexOf(part);
            if (at < 0) {
                throw new IllegalArgumentException("'" + part + "' is not in '" + text + "'");
            }
            return text.substring(0, at).getBytes(StandardCharsets.UTF_8).length + into;
        }

        /** Waits before the next step. */
        public Reply pause(long millis) {
            return then((up, req, res, r, next) -> up.vertx.setTimer(millis, t -> next.run()));
        }

        /** Writes {@code event} every {@code millis}, {@code times} times, unless the connection closed. */
        public Reply every(long millis, int times, String event) {
            Reply reply = this;
            for (int i = 0; i < times; i++) {
                reply = reply.pause(millis).write(event);
            }
            return reply;
        }

        /**
         * Waits (polling, at most 30 s) until {@code condition} holds: lets a script fail only once Trueline has
         * taken the text before, since a failure may overtake a chunk still being journaled.
         */
        public Reply awaitTrue(BooleanSupplier condition) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            return then((up, req, res, r, next) -> poll(up, condition, deadline, next));
        }

        private static void poll(FakeUpstream up, BooleanSupplier condition, long deadline,
                Runnable next) {
            if (condition.getAsBoolean() || System.nanoTime() > deadline) {
                up.vertx.setTimer(50, t -> next.run()); // the journaled chunk is then handed to the client
            } else {
                up.vertx.setTimer(10, t -> poll(up, condition, deadline, next));
            }
        }

        /** Ends the response properly. */
        public Reply end() {
            return then((up, req, res, r, next) -> res.end());
        }

        /** Drops the TCP connection in the middle of the response, like a crashed upstream. */
        public Reply die() {
            return then((up, req, res, r, next) -> req.connection().close());
        }

        private Reply then(Step step) {
            steps.add(step);
            return this;
        }
    }

    @FunctionalInterface
    interface Step {
        void run(FakeUpstream upstream, HttpServerRequest request, HttpServerResponse response, Received received,
                Runnable next);
    }
}
