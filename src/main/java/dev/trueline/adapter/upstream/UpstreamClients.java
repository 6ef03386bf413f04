package dev.trueline.adapter.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.trueline.adapter.AdapterConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/** Builds the reactive REST client of an upstream from the {@code trueline.adapter.*} settings. */
public final class UpstreamClients {

    /** The client's own idle timer only backs up {@link UpstreamWatchdog}, which fires first and says which wait. */
    private static final Duration BACKSTOP_MARGIN = Duration.ofSeconds(1);

    private UpstreamClients() {
    }

    public static <T> T build(Class<T> api, UpstreamTarget target, AdapterConfig config) {
        URI base;
        try {
            base = URI.create(target.baseUrl());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(target.baseUrlVariable() + " is not a URL: " + e.getMessage(), e);
        }
        if (base.getHost() == null || !("http".equalsIgnoreCase(base.getScheme())
                || "https".equalsIgnoreCase(base.getScheme()))) {
            throw new IllegalArgumentException(target.baseUrlVariable() + " must be an http(s) URL like "
                    + "http://localhost:11434/v1, not '" + target.baseUrl() + "'");
        }
        // The client's read timeout is an idle timer on the whole exchange, and the only thing that closes a
        // connection whose response headers never came (the client closes a cancelled request when they arrive).
        Duration longestWait = config.firstTokenTimeout().compareTo(config.idleTimeout()) > 0
                ? config.firstTokenTimeout()
                : config.idleTimeout();
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(longestWait.plus(BACKSTOP_MARGIN).toMillis(), TimeUnit.MILLISECONDS)
                .build(api);
    }
}
