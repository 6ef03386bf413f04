package dev.trueline.http;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.enterprise.event.Observes;

import dev.trueline.problem.HttpLayerProblems;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses, first thing on the router, a request head the service will not read: a URI that is not valid RFC 3986
 * (400 {@code bad_request}), a request line or headers over {@link HttpConfig}'s limits (414 {@code uri_too_long},
 * 431 {@code headers_too_large}), each as a problem. Quarkus and the HTTP codec refuse such requests too, but with an
 * empty body and before any handler runs: the codec's limits are set higher ({@code application.properties}) and
 * Quarkus's URI check is switched off ({@link dev.trueline.TruelineMain}) so that this route decides instead.
 */
public class RequestHeadChecks {

    private final long maxRequestLine;
    private final long maxHeaderSize;

    public RequestHeadChecks(HttpConfig config) {
        this.maxRequestLine = config.maxRequestLine().asLongValue();
        this.maxHeaderSize = config.maxHeaderSize().asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext rc) {
        try {
            new URI(rc.request().uri()); // the check Quarkus makes (VertxHttpRecorder), with an answer this time
        } catch (URISyntaxException e) {
            fail(rc, 400, "The request URI is not valid (RFC 3986): " + e.getReason() + " at index " + e.getIndex()
                    + ".");
            return;
        }
        long line = rc.request().method().name().length() + 1 + rc.request().uri().length() + " HTTP/1.1".length();
        if (line > maxRequestLine) {
            fail(rc, 414, "The request line has " + line + " bytes; the limit is " + maxRequestLine
                    + " (trueline.http.max-request-line).");
            return;
        }
        long headers = 0;
        for (var header : rc.request().headers()) {
            headers += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
        }
        if (headers > maxHeaderSize) {
            fail(rc, 431, "The request headers have " + headers + " bytes; the limit is " + maxHeaderSize
                    + " (trueline.http.max-header-size).");
            return;
        }
        rc.next();
    }

    private static void fail(RoutingContext rc, int status, String detail) {
        HttpLayerProblems.explain(rc, status, detail);
        rc.fail(status);
    }
}
