package dev.trueline.testing;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import io.vertx.core.json.JsonObject;

/** Whole turns over a {@link RawSseClient}: post one and read every event it sends, and the text of its chunks. */
public final class Turns {

    private Turns() {
    }

    /**
     * Posts {@code body} (at least a {@code prompt}) as a turn of {@code conversation} on the app at {@code root},
     * and reads its events until the server ends the stream; fails the test if the turn is refused.
     */
    public static List<SseEvent> run(URI root, String conversation, JsonObject body) throws IOException {
        try (RawSseClient client = RawSseClient.post(root.resolve("/api/conversations/" + conversation + "/turns"),
                body.encode())) {
            if (client.status() != 200) {
                throw new AssertionError("turn refused: " + client.status() + " " + client.errorBody());
            }
            return client.rest();
        }
    }

    /** The texts of the {@code chunk} events, in order. */
    public static List<String> chunkTexts(List<SseEvent> events) {
        return events.stream().filter(e -> "chunk".equals(e.event())).map(e -> e.json().getString("text")).toList();
    }

    /** The texts of the {@code chunk} events, joined. */
    public static String text(List<SseEvent> events) {
        return String.join("", chunkTexts(events));
    }

    /** The last event. */
    public static SseEvent last(List<SseEvent> events) {
        return events.get(events.size() - 1);
    }
}
