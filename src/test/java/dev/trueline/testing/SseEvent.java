package dev.trueline.testing;

import io.vertx.core.json.JsonObject;

/**
 * One Server-Sent Event as a client received it; {@code retry} is the event's {@code retry:} field (the reconnection
 * time it asks for, in milliseconds), or null when it had none.
 */
public record SseEvent(String id, String event, String data, String retry) {

    public SseEvent(String id, String event, String data) {
        this(id, event, data, null);
    }

    public JsonObject json() {
        return new JsonObject(data);
    }
}
