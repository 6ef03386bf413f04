package dev.trueline.conversation;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.event.Observes;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * Refuses a conversation id of {@code .}, {@code ..} or nothing with 400 on the raw request path. The HTTP layer
 * normalizes such paths before routing ({@code /api/conversations/../turns} becomes {@code /api/turns}), so
 * without this guard they would get a misleading 404 or 405 instead of "invalid conversation id".
 */
public class ConversationPathGuard {

    private static final String PREFIX = "/api/conversations/";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            String raw = rc.request().uri();
            int query = raw.indexOf('?');
            String path = query < 0 ? raw : raw.substring(0, query);
            if (path.startsWith(PREFIX)) {
                String rest = path.substring(PREFIX.length());
                int slash = rest.indexOf('/');
                String segment = URLDecoder.decode(slash < 0 ? rest : rest.substring(0, slash), StandardCharsets.UTF_8);
                if ((slash >= 0 && segment.isEmpty()) || segment.equals(".") || segment.equals("..")) {
                    String code = "invalid_conversation_id";
                    rc.response().setStatusCode(400).putHeader("Content-Type", "application/problem+json")
                            .end(new JsonObject().put("type", "/problems/" + code).put("title", "Bad request")
                                    .put("status", 400)
                                    .put("detail", "conversation id must match [A-Za-z0-9_-]{1,64}, got '"
                                            + segment + "'")
                                    .put("instance", path).put("code", code).encode());
                    return;
                }
            }
            rc.next();
        });
    }
}
