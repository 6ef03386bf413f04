package dev.trueline.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Each event's SSE frame, byte for byte: the fields and their order RESTEasy's SSE writer put out (captured from a
 * stream of the same events before Trueline wrote its own frames), so that no client sees a difference.
 */
@QuarkusTest
class SseFramesTest {

    @Inject
    SseFrames frames;

    @Test
    void theFirstFrameTellsHowSoonToReconnect() {
        assertFrame("id:1:0\nevent:turn\nretry:1000\ndata:{\"type\":\"turn\",\"conversation\":\"c1\",\"turn\":1,"
                + "\"adapter\":\"scripted\",\"model\":\"scripted-1\"}\n\n",
                new TurnEvent.Started("c1", 1, "scripted", "scripted-1"), 1000);
    }

    @Test
    void aChunkFrameCarriesItsJsonOnOneDataLine() {
        assertFrame("id:1:2\nevent:chunk\ndata:{\"type\":\"chunk\",\"turn\":1,\"seq\":2,\"text\":\"id: \\\"h\"}\n\n",
                new TurnEvent.Chunk(1, 2, "id: \"h"), -1);
        assertFrame("id:1:3\nevent:chunk\ndata:{\"type\":\"chunk\",\"turn\":1,\"seq\":3,\"text\":\"two\\nlines é\"}\n\n",
                new TurnEvent.Chunk(1, 3, "two\nlines é"), -1);
        // beyond the BMP the data is the application mapper's, which writes the character as it is
        assertFrame("id:1:4\nevent:chunk\ndata:{\"type\":\"chunk\",\"turn\":1,\"seq\":4,\"text\":\"\uD83D\uDE00\"}\n\n",
                new TurnEvent.Chunk(1, 4, "\uD83D\uDE00"), -1);
        assertFrame("id:1:1\nevent:chunk\nretry:500\ndata:{\"type\":\"chunk\",\"turn\":1,\"seq\":1,\"text\":\"a\"}\n\n",
                new TurnEvent.Chunk(1, 1, "a"), 500);
    }

    @Test
    void terminalFramesAreIdentifiedAsTheEnd() {
        assertFrame("id:1:end\nevent:end\ndata:{\"type\":\"end\",\"turn\":1,\"chunks\":60,\"finish\":\"stop\"}\n\n",
                new TurnEvent.End(1, 60, "stop", null), -1);
        assertFrame("id:2:end\nevent:interrupted\ndata:{\"type\":\"interrupted\",\"turn\":2,\"reason\":\"user_stop\","
                + "\"chunks\":3}\n\n", new TurnEvent.Interrupted(2, "user_stop", 3), -1);
    }

    @Test
    void aHeartbeatIsAComment() {
        assertFrame(": ping\n\n", new TurnEvent.Ping(1), -1);
    }

    private void assertFrame(String expected, TurnEvent event, long retryMillis) {
        assertEquals(expected, new String(frames.of(event, retryMillis), StandardCharsets.UTF_8));
    }
}
