package dev.trueline.problem;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes a {@link Problem} straight to a Vert.x response, for the refusals decided on the router before a request
 * reaches a resource (where {@link ProblemMappers} renders them instead).
 */
public final class RoutingProblems {

    private RoutingProblems() {
    }

    /**
     * Ends the response with a problem of {@code status} and stable {@code code}. On HTTP/1.1, a request that may
     * still have an unread body then has its connection closed: the request was refused before its body was read, and
     * reading megabytes only to drop them helps nobody (unread, they would be parsed as the next request). Otherwise
     * the connection stays: on HTTP/2 it carries the client's other streams (a page's running turns), and a request
     * without a body leaves nothing behind.
     */
    public static void send(RoutingContext rc, int status, String code, String title, String detail) {
        Problem problem = new Problem(Problem.typeFor(code), title, status, detail, instanceOf(rc), code);
        HttpServerRequest request = rc.request();
        if (request.version() != HttpVersion.HTTP_2 && mayHaveBody(request)) {
            rc.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            rc.response().endHandler(ignored -> request.connection().close());
        } else {
            request.resume(); // a paused request would hold up the connection's next one
        }
        rc.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }

    private static boolean mayHaveBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING) || (length != null && !length.strip().equals("0"));
    }

    /** The request's path as received, cut to a readable length: it may be what was refused for being too long. */
    private static String instanceOf(RoutingContext rc) {
        String uri = rc.request().uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return path.length() <= 200 ? path : path.substring(0, 200) + "…";
    }
}
