package dev.trueline.adapter;

/**
 * An adapter failure with a stable {@code code} a client can act on (e.g. {@code upstream_unavailable}) and a
 * message that says what to fix. Messages never contain credentials.
 */
public class AdapterException extends RuntimeException {

    /** Code for a failure that has no more specific one. */
    public static final String UPSTREAM_FAILED = "upstream_failed";

    private final String code;

    public AdapterException(String code, String message) {
        super(message);
        this.code = code;
    }

    public AdapterException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
