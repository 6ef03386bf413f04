package dev.trueline.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits on the head of a request: {@code trueline.http.*}. Trueline enforces them itself so that a request over
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
}
