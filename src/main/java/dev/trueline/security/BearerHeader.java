package dev.trueline.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * What a request's {@code Authorization} header holds: nothing, a bearer token (RFC 6750: the scheme in any case, one
 * space, a token68), or something else, which is refused as {@code invalid_request} rather than ignored.
 */
record BearerHeader(Kind kind, String token) {

    enum Kind {
        ABSENT,
        BEARER,
        MALFORMED
    }

    private static final Pattern BEARER = Pattern.compile("(?i:bearer) ([A-Za-z0-9._~+/-]+=*)");

    static BearerHeader of(RoutingContext rc) {
        String value = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (value == null) {
            return new BearerHeader(Kind.ABSENT, null);
        }
        Matcher bearer = BEARER.matcher(value.strip());
        return bearer.matches() ? new BearerHeader(Kind.BEARER, bearer.group(1)) : new BearerHeader(Kind.MALFORMED, null);
    }

    /** The RFC 6750 error code for a request refused with this header ({@code null}: no credentials were sent). */
    String error() {
        return switch (kind) {
            case ABSENT -> null;
            case BEARER -> "invalid_token";
            case MALFORMED -> "invalid_request";
        };
    }
}
