package dev.trueline.http;

import java.util.Optional;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.trueline.problem.HttpLayerProblems;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Refuses a request body over {@code quarkus.http.limits.max-body-size} with a {@code 413 payload_too_large}
 * problem ({@link HttpLayerProblems} renders it), before the request reaches a resource and so before anything is
 * journaled. Quarkus checks the limit too, but answers with an empty body: a declared {@code Content-Length} on its
 * own route (order -2), a chunked body while RESTEasy reads it. So this route runs just before Quarkus's: a declared
 * length over the limit is refused before a byte of the body is read; a chunked body is read here, by Vert.x's
 * {@link BodyHandler} with the same limit, which fails the request as soon as the limit is passed (RESTEasy then
 * takes the body already read instead of reading it again).
 */
public class BodySizeLimit {

    /** Just before Quarkus's own body-size check ({@code HttpServerCommonHandlers}, order -2). */
    static final int ORDER = -3;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    void install(@Observes Router router) {
        maxBodySize.map(MemorySize::asLongValue).ifPresent(limit -> {
            BodyHandler chunked = BodyHandler.create(false).setBodyLimit(limit);
            router.route().order(ORDER).handler(rc -> refuseOver(rc, limit, chunked));
        });
    }

    private static void refuseOver(RoutingContext rc, long limit, BodyHandler chunked) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared = declared(length);
            if (declared > limit) {
                HttpLayerProblems.explain(rc, 413, "The request body of " + declared
                        + " bytes is over the limit of " + limit + " bytes.");
                rc.fail(413);
                return;
            }
            rc.next();
        } else if (rc.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            HttpLayerProblems.explain(rc, 413, "The chunked request body is over the limit of " + limit + " bytes.");
            chunked.handle(rc); // calls rc.next() once the whole body is in, or fails with 413 past the limit
        } else {
            rc.next();
        }
    }

    private static long declared(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // the codec refuses a malformed length before routing; nothing to decide here
        }
    }
}
