package dev.trueline.turn;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import dev.trueline.journal.ChunkJson;

/**
 * An event as the bytes of its SSE frame, as the stream writes them: {@code id:}, {@code event:}, on the first frame
 * {@code retry:}, then {@code data:} with the event's JSON ({@link SseData}) and a blank line; a heartbeat is the
 * comment {@code : ping}. The fields and their order are what RESTEasy's SSE writer put out before Trueline wrote its
 * own frames, so a client sees the same bytes. A chunk's frame is built around its JSON in one array
 * ({@link ChunkJson}): no string of it is made on the way.
 */
@ApplicationScoped
public class SseFrames {

    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FRAME_END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final SseData data;

    public SseFrames(SseData data) {
        this.data = data;
    }

    /** The frame of {@code event}; with {@code retryMillis} of 0 or more, it tells the client how soon to reconnect. */
    byte[] of(TurnEvent event, long retryMillis) {
        if (event instanceof TurnEvent.Ping) {
            return PING;
        }
        if (event instanceof TurnEvent.Chunk chunk && retryMillis < 0) {
            byte[] frame = ChunkJson.utf8(fields(chunk, -1).getBytes(StandardCharsets.US_ASCII), chunk.turn(),
                    chunk.seq(), chunk.text(), FRAME_END);
            if (frame != null) {
                return frame;
            }
        }
        StringBuilder frame = new StringBuilder(fields(event, retryMillis));
        // the data as lines: JSON written compactly has no line break, but a field value must never hold one
        String json = data.of(event);
        int from = 0;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\n' || c == '\r') {
                frame.append(json, from, i).append("\ndata:");
                if (c == '\r' && i + 1 < json.length() && json.charAt(i + 1) == '\n') {
                    i++; // CRLF is one line break
                }
                from = i + 1;
            }
        }
        return frame.append(json, from, json.length()).append("\n\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The frame's fields up to and including {@code data:}. */
    private static String fields(TurnEvent event, long retryMillis) {
        StringBuilder fields = new StringBuilder(40).append("id:").append(event.id()).append("\nevent:")
                .append(event.name()).append('\n');
        if (retryMillis >= 0) {
            fields.append("retry:").append(retryMillis).append('\n');
        }
        return fields.append("data:").toString();
    }
}
