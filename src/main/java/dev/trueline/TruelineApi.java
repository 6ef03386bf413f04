package dev.trueline;

/**
 * Names of the reusable OpenAPI responses declared in {@code package-info.java} of this package, for
 * {@code @APIResponse(ref = ...)} on resource methods.
 */
public final class TruelineApi {

    public static final String BAD_REQUEST = "BadRequest";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String TOO_LARGE = "PayloadTooLarge";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
    public static final String TOO_MANY_REQUESTS = "TooManyRequests";
    public static final String UNAVAILABLE = "ServiceUnavailable";

    private TruelineApi() {
    }
}
