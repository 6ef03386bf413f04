package dev.trueline.http;

import java.util.Locale;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import dev.trueline.problem.RoutingProblems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses, in every mode, a request that changes something (any method but GET, HEAD and OPTIONS) unless it says
 * {@code Content-Type: application/json}, even when it has no body (Stop, delete): 415
 * {@code unsupported_media_type}. A page on another origin can send a POST without a preflight only as a CORS
 * "simple request", whose content type is absent, {@code text/plain}, {@code multipart/form-data} or
 * {@code application/x-www-form-urlencoded}; to send {@code application/json} its browser must first ask with a
 * preflight, which Trueline answers only for the origins of {@code quarkus.http.cors.origins} (none by default). So
 * a {@code no-cors} fetch or a form on a foreign page can neither start nor stop a turn, nor delete a conversation.
 * The rule covers the whole public port, not only {@code /api/}, so no path spelling escapes it.
 */
public class CrossSiteGuard {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /**
     * After the application's other first-order checks (default observer priority): a request refused for its path
     * or its size keeps that more precise answer; this one only ever refuses requests that would change something.
     */
    static final int OBSERVER_PRIORITY = Interceptor.Priority.APPLICATION + 600;

    void install(@Observes @Priority(OBSERVER_PRIORITY) Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext rc) {
        if (SAFE.contains(rc.request().method()) || isJson(rc.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            rc.next();
            return;
        }
        RoutingProblems.send(rc, 415, "unsupported_media_type", "Unsupported Media Type", rc.request().method()
                + " requests must be sent with Content-Type: application/json, also when they have no body; "
                + "a cross-site page cannot send that header without a CORS preflight.");
    }

    /** {@code application/json}, in any case, with or without parameters such as {@code charset}. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.toLowerCase(Locale.ROOT).equals("application/json");
    }
}
