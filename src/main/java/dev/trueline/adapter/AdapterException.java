package dev.trueline.adapter;

import java.util.Optional;

/**
 * An adapter failure with a stable {@code code} a client can act on (e.g. {@code upstream_unavailable}) and a
 * message that says what to fix. Messages never contain credentials.
 */
public class AdapterException extends RuntimeException {

    /** Code for a failure that has no more specific one. */
    public static final String UPSTREAM_FAILED = "upstream_failed";
    /** The upstream refused the credentials (HTTP 401 or 403). */
    public static final String UPSTREAM_UNAUTHORIZED = "upstream_unauthorized";
    /** The upstream asked us to slow down (HTTP 429); {@link #retryAfter()} says for how long when it did. */
    public static final String UPSTREAM_RATE_LIMITED = "upstream_rate_limited";
    /** The upstream could not be reached, failed (HTTP 5xx) or went away mid-answer. */
    public static final String UPSTREAM_UNAVAILABLE = "upstream_unavailable";
    /** No first token within the first-token timeout, or silence longer than the idle timeout. */
    public static final String UPSTREAM_TIMEOUT = "upstream_timeout";
    /** The upstream's stream could not be understood. */
    public static final String UPSTREAM_PROTOCOL = "upstream_protocol";
    /** The upstream reported an error: an {@code error} event mid-stream, or a refusal of the request (4xx). */
    public static final String UPSTREAM_ERROR = "upstream_error";

    private final String code;
    private final String retryAfter;

    public AdapterException(String code, String message) {
        this(code, message, null, null);
    }

    public AdapterException(String code, String message, Throwable cause) {
        this(code, message, null, cause);
    }

    public AdapterException(String code, String message, String retryAfter, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public String code() {
        return code;
    }

    /** The upstream's {@code Retry-After} header value, for {@link #UPSTREAM_RATE_LIMITED}. */
    public Optional<String> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
