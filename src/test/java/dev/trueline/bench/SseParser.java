package dev.trueline.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.vertx.core.buffer.Buffer;

/**
 * Incremental Server-Sent Events parser over the bytes of a response body as they arrive: a line or a UTF-8
 * character may be split across reads, lines end in LF, CRLF or CR, {@code data} may span several lines and
 * comment lines (such as {@code : ping}) are reported apart. One per response; not thread-safe.
 */
final class SseParser {

    /** What the parser found. */
    interface Listener {
        void onEvent(String id, String event, String data);

        void onComment(String comment);
    }

    private final Listener listener;
    private byte[] line = new byte[256];
    private int length;
    private boolean afterCr;
    private String id;
    private String event;
    private StringBuilder data;

    SseParser(Listener listener) {
        this.listener = listener;
    }

    void feed(Buffer buffer) {
        byte[] bytes = buffer.getBytes();
        for (byte b : bytes) {
            if (b == '\n' && afterCr) {
                afterCr = false; // the LF of a CRLF: the line already ended at the CR
                continue;
            }
            afterCr = b == '\r';
            if (b == '\n' || b == '\r') {
                endLine();
            } else {
                if (length == line.length) {
                    line = Arrays.copyOf(line, length * 2);
                }
                line[length++] = b;
            }
        }
    }

    private void endLine() {
        if (length == 0) {
            if (data != null || event != null) {
                listener.onEvent(id, event, data == null ? "" : data.toString());
            }
            id = null;
            event = null;
            data = null;
            return;
        }
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        length = 0;
        if (text.charAt(0) == ':') {
            listener.onComment(text.substring(1).trim());
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> id = value;
            case "event" -> event = value;
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> {
                // retry and unknown fields carry nothing the checks need
            }
        }
    }
}
