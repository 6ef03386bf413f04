package dev.trueline.it;

import java.util.ArrayList;
import java.util.List;

/** One Server-Sent Event as it came over the wire: {@code id}, {@code event} and the {@code data} line. */
record SseEvent(String id, String event, String data) {

    /** Parses every complete event (ended by a blank line) in an SSE body; a trailing partial event is left out. */
    static List<SseEvent> parseAll(String body) {
        List<SseEvent> events = new ArrayList<>();
        String normalized = body.replace("\r\n", "\n");
        int start = 0;
        int end;
        while ((end = normalized.indexOf("\n\n", start)) >= 0) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            for (String line : normalized.substring(start, end).split("\n")) {
                if (line.startsWith(":")) {
                    continue; // a comment, such as a heartbeat
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
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> {
                    }
                }
            }
            if (event != null || data != null) {
                events.add(new SseEvent(id, event, data == null ? null : data.toString()));
            }
            start = end + 2;
        }
        return events;
    }
}
