package dev.trueline.http;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.trueline.problem.RoutingProblems;
import dev.trueline.security.AuthConfig;
import dev.trueline.security.AuthMode;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * In {@code none} mode, answers only requests whose {@code Host} is one of {@code trueline.http.allowed-hosts}
 * (403 {@code host_not_allowed} otherwise, and for a request with no host at all). Without a credential to ask for,
 * the host name is what tells a local caller from a DNS-rebinding page: such a page runs in the browser under its own
 * name, which now resolves to this machine, and its requests carry that name. With tokens or JWTs the browser has no
 * credential to attach for a foreign name, so the check is not needed there.
 */
public class HostGuard {

    static final int OBSERVER_PRIORITY = SecurityHeaders.OBSERVER_PRIORITY + 1;

    private final boolean enabled;
    private final Set<String> allowed;

    public HostGuard(AuthConfig auth, HttpConfig http, @ConfigProperty(name = "quarkus.http.host") String listenHost) {
        this.enabled = auth.mode() == AuthMode.NONE;
        Stream<String> listen = Stream.of(listenHost).filter(h -> !h.equals("0.0.0.0") && !h.equals("::"))
                .map(h -> h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h);
        this.allowed = Stream.concat(http.allowedHosts().stream(), listen).map(HostGuard::normalize)
                .collect(Collectors.toUnmodifiableSet());
    }

    void install(@Observes @Priority(OBSERVER_PRIORITY) Router router) {
        if (enabled) {
            router.route().order(Integer.MIN_VALUE).handler(this::check);
        }
    }

    private void check(RoutingContext rc) {
        HostAndPort authority = rc.request().authority();
        String host = authority == null ? null : normalize(authority.host());
        if (host != null && allowed.contains(host)) {
            rc.next();
            return;
        }
        RoutingProblems.send(rc, 403, "host_not_allowed", "Forbidden", host == null
                ? "The request names no host."
                : "This server does not answer for the host '" + host + "' (trueline.http.allowed-hosts).");
    }

    /** Lower case, no trailing dot, IPv6 literals in brackets: the form the list is compared in. */
    private static String normalize(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.indexOf(':') >= 0 && !h.startsWith("[") ? "[" + h + "]" : h;
    }
}
