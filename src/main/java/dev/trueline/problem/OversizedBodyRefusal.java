package dev.trueline.problem;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a request whose declared {@code Content-Length} is over {@code quarkus.http.limits.max-body-size} with a
 * {@code 413 payload_too_large} problem, before a byte of its body is read. Quarkus does the same check on its own
 * route (order -2) but answers with an empty body; this route runs just before it, so the promise that every error
 * before a stream starts is {@code application/problem+json} holds for oversized bodies too. Bodies without a
 * length (chunked) are still cut off by the HTTP layer while they are read.
 */
@ApplicationScoped
public class OversizedBodyRefusal {

    /** Just before Quarkus's own body-size check ({@code HttpServerCommonHandlers}, order -2). */
    static final int ORDER = -3;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    void install(@Observes Router router) {
        maxBodySize.map(MemorySize::asLongValue)
                .ifPresent(limit -> router.route().order(ORDER).handler(rc -> refuseOver(rc, limit)));
    }

    private void refuseOver(RoutingContext rc, long limit) {
        long declared = declaredLength(rc);
        if (declared <= limit) {
            rc.next();
            return;
        }
        String path = rc.request().path();
        Problem problem = new Problem(Problem.typeFor("payload_too_large"), "Content Too Large", 413,
                "The request body of " + declared + " bytes is over the limit of " + limit + " bytes.", path,
                "payload_too_large");
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            rc.fail(e); // cannot happen for a record of strings and an int
            return;
        }
        // The unread body is still on its way: close the connection rather than read and discard it, as Quarkus does.
        rc.response().endHandler(ignored -> rc.request().connection().close());
        rc.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .end(body);
    }

    private static long declaredLength(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // the codec refuses a malformed length before routing; nothing to decide here
        }
    }
}
