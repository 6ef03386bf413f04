package dev.trueline.problem;

import io.vertx.core.http.HttpHeaders;
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
     * Ends the response with a problem of {@code status} and stable {@code code}, then closes the connection: the
     * request was refused before its body (if any) was read, and reading megabytes only to drop them helps nobody.
     */
    public static void send(RoutingContext rc, int status, String code, String title, String detail) {
        Problem problem = new Problem(Problem.typeFor(code), title, status, detail, instanceOf(rc), code);
        rc.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        rc.response().endHandler(ignored -> rc.request().connection().close());
        rc.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }

    /** The request's path as received, cut to a readable length: it may be what was refused for being too long. */
    private static String instanceOf(RoutingContext rc) {
        String uri = rc.request().uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return path.length() <= 200 ? path : path.substring(0, 200) + "…";
    }
}
