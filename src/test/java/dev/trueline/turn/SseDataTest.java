package dev.trueline.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** The hand-laid chunk data is byte for byte what the application's mapper writes for the same event. */
@QuarkusTest
class SseDataTest {

    /** Characters JSON must escape, the ones it must not, and the ones easy to get wrong. */
    private static final String TRICKY = "\"\\/\b\f\n\r\t\u0000\u0001\u001f\u007f\u2028\u2029é€\uD83D\uDE00<>&'";

    @Inject
    ObjectMapper mapper;

    @Inject
    SseData data;

    @Test
    void aChunkIsEncodedAsTheMapperEncodesIt() throws Exception {
        Random random = new Random(10);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int c = 0; c < length; c++) {
                text.append(random.nextInt(3) == 0 ? TRICKY.charAt(random.nextInt(TRICKY.length()))
                        : (char) (random.nextInt(3) == 0 ? random.nextInt(0x3000) : 32 + random.nextInt(95)));
            }
            TurnEvent.Chunk chunk = new TurnEvent.Chunk(1 + random.nextInt(1000), random.nextInt(100_000),
                    text.toString());
            assertEquals(mapper.writeValueAsString(chunk), data.of(chunk), () -> "text: " + chunk.text());
        }
    }

    @Test
    void otherEventsAreTheMappersOwnEncoding() throws Exception {
        TurnEvent[] events = { new TurnEvent.Started("c-1", 2, "scripted", "scripted-1"),
                new TurnEvent.End(2, 5, "stop", new TurnEvent.Usage(3, 4)), new TurnEvent.End(2, 5, "stop", null),
                new TurnEvent.Error(2, "upstream_error", "it \"broke\""),
                new TurnEvent.Interrupted(2, "user_stop", 3) };
        for (TurnEvent event : events) {
            assertEquals(mapper.writeValueAsString(event), data.of(event));
        }
    }
}
