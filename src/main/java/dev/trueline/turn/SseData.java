package dev.trueline.turn;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON {@code data} of an event as the application's mapper writes it, for {@link SseFrames}. A chunk is laid
 * out by hand around Jackson's own string quoting, the same characters the mapper writes; the frames use it for the
 * first frame of a stream that resumes at a chunk (it carries {@code retry:}) and for text {@code ChunkJson} leaves to
 * Jackson (beyond the BMP), where this char-based layout
 * still matches the mapper. The rarer events go through the application's mapper.
 */
@ApplicationScoped
public class SseData {

    private final ObjectMapper mapper;

    public SseData(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The event's {@code data}: its JSON, {@code type} first, as the application's mapper writes it. */
    public String of(TurnEvent event) {
        if (event instanceof TurnEvent.Chunk chunk) {
            return chunk(chunk);
        }
        try {
            return mapper.writeValueAsString(event); // as its own class, as the REST layer would
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a " + event.name() + " event", e);
        }
    }

    static String chunk(TurnEvent.Chunk chunk) {
        char[] text = JsonStringEncoder.getInstance().quoteAsString(chunk.text());
        return new StringBuilder(40 + text.length)
                .append("{\"type\":\"chunk\",\"turn\":").append(chunk.turn())
                .append(",\"seq\":").append(chunk.seq())
                .append(",\"text\":\"").append(text).append("\"}")
                .toString();
    }
}
