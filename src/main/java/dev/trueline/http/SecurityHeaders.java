package dev.trueline.http;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Puts the security headers on every response of the public port: the page, the API, SSE streams, and every refusal.
 * <ul>
 * <li>{@code Content-Security-Policy}: scripts, styles, images and connections from this origin only, no inline
 * script, no framing, no {@code <base>}, forms only to this origin.</li>
 * <li>{@code X-Frame-Options: DENY} for browsers that do not know {@code frame-ancestors};
 * {@code X-Content-Type-Options: nosniff}; {@code Referrer-Policy: no-referrer}.</li>
 * </ul>
 * A route and not {@code quarkus.http.header.*}: Quarkus installs configured headers on the router after the
 * application's routes, at the same first order, so the refusals decided first (a foreign host, a bad conversation
 * id, an oversized request line) would go out without them. This route is installed before all of those, and adds
 * the headers when the response's headers are written, whoever writes them. Dev mode's own tools under
 * {@code /q/dev-ui} and {@code /q/swagger-ui} are framework pages with inline scripts: they get every header but the
 * CSP.
 */
public class SecurityHeaders {

    /** Before every other application route at the router's first order. */
    static final int OBSERVER_PRIORITY = Interceptor.Priority.PLATFORM_BEFORE;

    /** The Content-Security-Policy of every response. */
    public static final String CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'self'";

    void install(@Observes @Priority(OBSERVER_PRIORITY) Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::add);
    }

    private void add(RoutingContext rc) {
        boolean frameworkTool = rc.normalizedPath().startsWith("/q/dev-ui")
                || rc.normalizedPath().startsWith("/q/swagger-ui");
        rc.addHeadersEndHandler(ignored -> addTo(rc.response().headers(), !frameworkTool));
        rc.next();
    }

    /**
     * Adds the headers to a response written where no route ran: the router refuses a path it cannot decode
     * ({@code %zz}) before routing ({@code HttpLayerProblems}).
     */
    public static void addTo(MultiMap headers) {
        addTo(headers, true);
    }

    private static void addTo(MultiMap headers, boolean csp) {
        if (csp) {
            headers.set("Content-Security-Policy", CSP);
        }
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
    }
}
