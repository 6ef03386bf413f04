package dev.trueline.testing;

import io.vertx.core.json.JsonObject;

/** One Server-Sent Event as a client received it. */
public record SseEvent(String id, String event, String data) {

    public JsonObject json() {
        return new JsonObject(data);
    }
}
