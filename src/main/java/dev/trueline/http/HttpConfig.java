package dev.trueline.http;

import java.util.List;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits on the head of a request, and the hosts it may name: {@code trueline.http.*}. Trueline enforces them itself so that a
 * request over
 * them gets a problem+json answer; the HTTP codec's own limits ({@code quarkus.http.limits.max-initial-line-length}
 * and {@code max-header-size}) are set well above them and only stop what would not even fit in memory sensibly,
 * with the codec's empty answer.
 */
@ConfigMapping(prefix = "trueline.http")
public interface HttpConfig {

    /** Longest request line (method, URI with its query, version) answered; longer gets 414 {@code uri_too_long}. */
    @WithDefault("4K")
    MemorySize maxRequestLine();

    /** Largest sum of header names and values answered; more gets 431 {@code headers_too_large}. */
    @WithDefault("20K")
    MemorySize maxHeaderSize();

    /**
     * In {@code trueline.auth.mode=none}, the host names (without port) a request's {@code Host} may name; any other
     * gets 403 {@code host_not_allowed}, so a page whose DNS name was rebound to this machine cannot read it.
     * {@code quarkus.http.host} is allowed too when it names one interface (not {@code 0.0.0.0} or {@code ::}).
     * IPv6 addresses are written in brackets.
     */
    @WithDefault("localhost,127.0.0.1,[::1]")
    List<String> allowedHosts();
}
