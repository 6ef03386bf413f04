package dev.trueline.bench;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * A real HTTP server on 127.0.0.1 that speaks both protocols the load generator knows, and breaks them on request
 * (the prompt names the fault), so the generator's checks can be tested over a real socket: {@code skip} leaves a
 * seq out, {@code noend} ends the body without an end event, {@code resume-404} has no resume endpoint,
 * {@code resume-dup} replays the last chunk the client had again.
 */
final class StubSseServer implements AutoCloseable {

    static final int CHUNKS = 12;
    static final String TEXT = "0123456789abcdef"; // 16 chars a chunk

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private volatile String fault = "";

    StubSseServer() throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    /** The fault of every following response (see the class comment); empty for none. */
    void fault(String fault) {
        this.fault = fault;
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        request.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
        if (request.method().name().equals("GET") && path.endsWith("/events")) {
            if (fault.equals("resume-404")) {
                request.response().setStatusCode(404).end("{\"code\":\"not_found\"}");
                return;
            }
            String[] last = request.getHeader("Last-Event-ID").split(":");
            int turn = Integer.parseInt(last[0]);
            int from = Integer.parseInt(last[1]) + (fault.equals("resume-dup") ? 0 : 1);
            request.response().write(event(turn + ":0", "turn", new JsonObject().put("turn", turn)));
            trueline(request, turn, from);
        } else if (path.startsWith("/api/")) {
            request.response().write(event("1:0", "turn", new JsonObject().put("turn", 1)));
            trueline(request, 1, 1);
        } else {
            for (int seq = 0; seq < CHUNKS; seq++) {
                if (fault.equals("skip") && seq == 3) {
                    continue;
                }
                request.response().write("data: " + new JsonObject().put("type", "chunk").put("seq", seq)
                        .put("text", TEXT).encode() + "\n\n");
            }
            request.response().end();
        }
    }

    private void trueline(HttpServerRequest request, int turn, int from) {
        for (int seq = from; seq <= CHUNKS; seq++) {
            if (fault.equals("skip") && seq == 3) {
                continue;
            }
            request.response().write(event(turn + ":" + seq, "chunk",
                    new JsonObject().put("type", "chunk").put("turn", turn).put("seq", seq).put("text", TEXT)));
        }
        if (!fault.equals("noend")) {
            request.response().write(": ping\n\n");
            request.response().write(event(turn + ":end", "end", new JsonObject().put("chunks", CHUNKS)));
        }
        request.response().end();
    }

    private static String event(String id, String name, JsonObject data) {
        return "id: " + id + "\r\nevent: " + name + "\r\ndata: " + data.encode() + "\r\n\r\n";
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
