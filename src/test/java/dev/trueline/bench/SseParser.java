package dev.trueline.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import dev.trueline.testing.SseEvent;
import dev.trueline.testing.SseLines;
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
    private final SseLines fields;

    SseParser(Listener listener) {
        this.listener = listener;
        this.fields = new SseLines(listener::onComment);
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
        String text = new String(line, 0, length, StandardCharsets.UTF_8);
        length = 0;
        SseEvent done = fields.line(text);
        if (done != null) {
            listener.onEvent(done.id(), done.event(), done.data());
        }
    }
}
