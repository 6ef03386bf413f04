package dev.trueline.security;

import dev.trueline.problem.RoutingProblems;
import io.vertx.ext.web.RoutingContext;

/**
 * The one 401 answer: {@code WWW-Authenticate: Bearer realm="trueline"} (with {@code error="invalid_token"} when a
 * token was presented and refused, {@code error="invalid_request"} when the header was not a bearer token), and a
 * problem+json body with code {@code unauthorized} that never repeats what was presented.
 */
final class Unauthorized {

    static final String REALM = "trueline";

    private Unauthorized() {
    }

    /** The {@code WWW-Authenticate} value for a refusal of this request. */
    static String challenge(RoutingContext rc) {
        String error = BearerHeader.of(rc).error();
        return "Bearer realm=\"" + REALM + "\"" + (error == null ? "" : ", error=\"" + error + "\"");
    }

    static void send(RoutingContext rc) {
        if (rc.response().ended()) {
            return;
        }
        BearerHeader header = BearerHeader.of(rc);
        String detail = switch (header.kind()) {
            case ABSENT -> "This request needs a bearer credential: send Authorization: Bearer <token>.";
            case BEARER -> "The bearer credential was refused (unknown, expired or not valid here).";
            case MALFORMED -> "The Authorization header is not of the form 'Bearer <token>'.";
        };
        rc.response().headers().set("WWW-Authenticate", challenge(rc));
        RoutingProblems.send(rc, 401, "unauthorized", "Unauthorized", detail);
    }
}
