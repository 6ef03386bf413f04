package dev.trueline.security;

import java.util.concurrent.CompletionException;

import jakarta.enterprise.event.Observes;

import dev.trueline.problem.RoutingProblems;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Quarkus Security's refusals that reach the router as failures, answered as problems: a credential that failed to
 * authenticate (for a JWT, after SmallRye JWT's own challenge set a bare {@code WWW-Authenticate: Bearer}) becomes
 * {@link Unauthorized}'s 401; an authenticated caller a permission refuses becomes 403 {@code forbidden}.
 */
public class SecurityProblems {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
    }

    private void onFailure(RoutingContext rc) {
        Throwable failure = rc.failure();
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (rc.response().ended()) {
            return;
        }
        if (failure instanceof AuthenticationFailedException) {
            Unauthorized.send(rc);
        } else if (failure instanceof ForbiddenException) {
            RoutingProblems.send(rc, 403, "forbidden", "Forbidden", "The caller may not do this.");
        } else {
            rc.next();
        }
    }
}
