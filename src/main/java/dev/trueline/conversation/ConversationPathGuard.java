package dev.trueline.conversation;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.event.Observes;

import dev.trueline.journal.ConversationId;
import dev.trueline.problem.RoutingProblems;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Judges the conversation id of every {@code /api/conversations/{cid}...} request on the raw request path, before
 * the HTTP layer normalizes it, and refuses a bad one with 400 {@code invalid_conversation_id}. Without this,
 * {@code /api/conversations/../turns} would be normalized to {@code /api/turns} (a misleading 404), an empty id to a
 * 405, and {@code a;b} would silently mean conversation {@code a} (JAX-RS reads {@code ;b} as a matrix parameter).
 * Matrix parameters are refused anywhere under {@code /api/}: no endpoint takes one.
 */
public class ConversationPathGuard {

    private static final String API = "/api/";
    private static final String PREFIX = "/api/conversations/";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext rc) {
        String raw = rc.request().uri();
        int query = raw.indexOf('?');
        String path = query < 0 ? raw : raw.substring(0, query);
        if (path.startsWith(API) && path.indexOf(';') >= 0) {
            refuse(rc, "invalid_path", "Path parameters (';') are not accepted; got '" + path + "'.");
        } else if (path.startsWith(PREFIX) && !validId(segmentAfter(path))) {
            refuse(rc, "invalid_conversation_id", "conversation id must match [A-Za-z0-9_-]{1,64}, got '"
                    + segmentAfter(path) + "'");
        } else {
            rc.next();
        }
    }

    private static String segmentAfter(String path) {
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static boolean validId(String rawSegment) {
        try {
            return ConversationId.isValid(URLDecoder.decode(rawSegment, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException badEscape) { // %zz; a '+' becomes a space, refused as well
            return false;
        }
    }

    private static void refuse(RoutingContext rc, String code, String detail) {
        RoutingProblems.send(rc, 400, code, "Bad request", detail);
    }
}
