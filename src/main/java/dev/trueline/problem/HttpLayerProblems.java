package dev.trueline.problem;

import java.util.Map;

import jakarta.enterprise.event.Observes;

import dev.trueline.http.SecurityHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Renders the refusals of the HTTP layer itself as problem+json, so that every error the service produces before a
 * stream starts has the same shape: a URI that is not valid ({@code %zz}: 400), a body over the size limit
 * (413, also a chunked one: {@code BodySizeLimit}), a request line or headers over Trueline's limits (414, 431:
 * {@code RequestHeadChecks}). Failures the router cannot route reach {@link Router#errorHandler}; a route's
 * {@code fail(status)} reaches the failure handler installed first here. Anything else (an exception, another
 * status) is left to Quarkus.
 */
public class HttpLayerProblems {

    private record Refusal(String code, String title, String detail) {
    }

    private static final Map<Integer, Refusal> REFUSALS = Map.of(
            400, new Refusal("bad_request", "Bad request",
                    "The request could not be read: its path or query is not valid (a bad percent-encoding?)."),
            413, new Refusal("payload_too_large", "Content Too Large", "The request body is over the size limit."),
            414, new Refusal("uri_too_long", "URI Too Long", "The request line is over the size limit."),
            431, new Refusal("headers_too_large", "Request Header Fields Too Large",
                    "The request headers are over the size limit."));

    /**
     * Says, for a route about to {@code fail(status)} a request, what exactly was wrong; the problem's detail is
     * then this text instead of the status's general one.
     */
    public static void explain(RoutingContext rc, int status, String detail) {
        rc.put(DETAIL_KEY + status, detail);
    }

    private static final String DETAIL_KEY = "trueline.problem.detail.";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::onRouteFailure);
        REFUSALS.keySet().forEach(status -> router.errorHandler(status, rc -> {
            // the router may refuse before any route ran (a path it cannot decode), SecurityHeaders' route too
            SecurityHeaders.addTo(rc.response().headers());
            refuse(rc, status);
        }));
    }

    private void onRouteFailure(RoutingContext rc) {
        if (rc.response().ended()) {
            // Answered already (e.g. a refused body whose connection was then closed under the body's reader):
            // there is nobody left to tell, and nothing for Quarkus to log as an error.
            return;
        }
        if (rc.failure() == null && REFUSALS.containsKey(rc.statusCode())) {
            refuse(rc, rc.statusCode());
        } else if (rc.statusCode() == 400 && rc.request().authority() == null) {
            // Vert.x's router fails an HTTP/1.1 request without a Host header with an exception, not a status
            explain(rc, 400, "An HTTP/1.1 request must have a Host header.");
            refuse(rc, 400);
        } else {
            rc.next();
        }
    }

    private static void refuse(RoutingContext rc, int status) {
        if (rc.response().ended()) {
            return;
        }
        Refusal refusal = REFUSALS.get(status);
        String detail = rc.get(DETAIL_KEY + status);
        RoutingProblems.send(rc, status, refusal.code(), refusal.title(), detail == null ? refusal.detail() : detail);
    }
}
