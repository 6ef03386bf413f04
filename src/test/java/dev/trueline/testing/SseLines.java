package dev.trueline.testing;

import java.util.function.Consumer;

/**
 * The field rules of the WHATWG event stream, one line at a time (without its line end): {@code id}, {@code event},
 * {@code retry} and {@code data} (lines of which join with {@code \n}), one space after the colon dropped, comment
 * lines handed apart, a blank line ending the event. Both SSE readers of the tests use it: {@link RawSseClient} on a
 * socket and the load generator on Vert.x buffers. One per stream; not thread-safe.
 */
public final class SseLines {

    private final Consumer<String> comments;
    private String id;
    private String event;
    private String retry;
    private StringBuilder data;

    /** @param comments gets each comment line's text after the colon, trimmed (such as {@code ping}) */
    public SseLines(Consumer<String> comments) {
        this.comments = comments;
    }

    /** Takes one line; returns the event a blank line completes, null otherwise. */
    public SseEvent line(String line) {
        if (line.isEmpty()) {
            SseEvent done = data != null || event != null
                    ? new SseEvent(id, event, data == null ? "" : data.toString(), retry)
                    : null;
            id = null;
            event = null;
            retry = null;
            data = null;
            return done;
        }
        if (line.charAt(0) == ':') {
            comments.accept(line.substring(1).trim());
            return null;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> id = value;
            case "event" -> event = value;
            case "retry" -> retry = value;
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> {
                // fields the format ignores
            }
        }
        return null;
    }
}
