package dev.trueline.problem;

import java.util.Map;

/**
 * A refusal to turn into a {@link Problem}: status, stable code, a title for humans and a detail that says what to
 * do. Thrown by services and resources; {@link ProblemMappers} renders it.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final Map<String, String> headers;

    public ProblemException(int status, String code, String title, String detail) {
        this(status, code, title, detail, Map.of());
    }

    public ProblemException(int status, String code, String title, String detail, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.headers = Map.copyOf(headers);
    }

    public static ProblemException badRequest(String code, String detail) {
        return new ProblemException(400, code, "Bad request", detail);
    }

    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(404, code, "Not found", detail);
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(409, code, "Conflict", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** Extra response headers, such as {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }
}
