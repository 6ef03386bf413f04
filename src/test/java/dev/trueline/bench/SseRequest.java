package dev.trueline.bench;

import java.util.concurrent.CompletableFuture;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.RequestOptions;

/**
 * One SSE request read to its end through a {@link StreamCheck}, with the times of its first chunk and its end:
 * the building block of drivers that go one request at a time (S5's set-up and resumes).
 */
final class SseRequest {

    /** How it went: the HTTP status, the check (null when refused) and when the first chunk and the end came. */
    record Outcome(int status, StreamCheck check, long sentNanos, long firstChunkNanos, long endNanos,
            String failure) {

        boolean ok() {
            return status == 200 && failure == null && check.complete();
        }

        String problem() {
            return failure != null ? failure : status != 200 ? "HTTP " + status : check.problem();
        }
    }

    private SseRequest() {
    }

    static CompletableFuture<Outcome> send(HttpClient client, RequestOptions request, Buffer body, StreamCheck check) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        long sent = System.nanoTime();
        long[] first = new long[1];
        client.request(request).compose(r -> body == null ? r.send() : r.send(body)).onSuccess(response -> {
            if (response.statusCode() != 200) {
                response.body().onComplete(
                        b -> done.complete(new Outcome(response.statusCode(), null, sent, 0, System.nanoTime(), null)));
                return;
            }
            SseParser parser = new SseParser(new SseParser.Listener() {
                @Override
                public void onEvent(String id, String event, String data) {
                    if (check.accept(id, event, data) && first[0] == 0) {
                        first[0] = System.nanoTime();
                    }
                }

                @Override
                public void onComment(String comment) {
                }
            });
            response.handler(parser::feed);
            response.endHandler(v -> {
                check.bodyEnded();
                done.complete(new Outcome(200, check, sent, first[0], System.nanoTime(), null));
            });
            response.exceptionHandler(e -> done.complete(new Outcome(200, check, sent, first[0], System.nanoTime(),
                    "reset: " + e)));
        }).onFailure(e -> done.complete(new Outcome(0, null, sent, 0, System.nanoTime(), e.toString())));
        return done;
    }
}
