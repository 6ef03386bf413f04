package dev.trueline.adapter.scripted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import dev.trueline.testing.Turns;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The scripted model in the {@code prod} profile, with the caps of {@code application.properties}: a prompt cannot
 * ask for more than 500 chunks, 200 ms between them, or 3 s of silence first.
 */
@QuarkusTest
@TestProfile(ScriptedProdCapsTest.Prod.class)
class ScriptedProdCapsTest {

    @TestHTTPResource("/")
    URI trueline;

    @Test
    void aPromptGetsAtMostMaxChunks() throws Exception {
        String prompt = "Never stop #chunks=100000 #delay-ms=1";

        Turn turn = runWithin(prompt, Duration.ofSeconds(30));

        assertEquals(500, Turns.chunkTexts(turn.events()).size());
        assertEquals(String.join("", ScriptedReply.chunks(prompt, 500)), Turns.text(turn.events()));
        assertEquals(500, Turns.last(turn.events()).json().getInteger("chunks"));
    }

    @Test
    void aPromptWaitsAtMostMaxDelayBetweenChunks() throws Exception {
        Turn turn = runWithin("Slowly #chunks=3 #delay-ms=600000", Duration.ofSeconds(15));

        assertEquals(3, Turns.chunkTexts(turn.events()).size());
        // four ticks of 200 ms: before each chunk and before the end
        assertTrue(turn.took().compareTo(Duration.ofMillis(800)) >= 0, "the delay was left out: " + turn.took());
    }

    @Test
    void aPromptPausesAtMostMaxPause() throws Exception {
        Turn turn = runWithin("Think forever #pause-ms=600000 #chunks=1 #delay-ms=1", Duration.ofSeconds(15));

        assertEquals("end", Turns.last(turn.events()).event());
        assertTrue(turn.took().compareTo(Duration.ofSeconds(3)) >= 0, "the pause was left out: " + turn.took());
    }

    /** What a client received of a whole turn, and how long the turn took. */
    private record Turn(List<SseEvent> events, Duration took) {
    }

    /** Runs a turn that must end within {@code limit}: an uncapped directive would keep it going for minutes. */
    private Turn runWithin(String prompt, Duration limit) throws Exception {
        long started = System.nanoTime();
        RawSseClient client = RawSseClient.streamTurn(trueline, JournalFiles.newId("prod-caps"), prompt);
        try {
            assertTrue(client.await(limit), "the turn still ran after " + limit + ": the cap did not hold");
            assertTrue(client.endedCleanly(), "the stream broke: " + client.failure());
            return new Turn(client.received(), Duration.ofNanos(System.nanoTime() - started));
        } finally {
            client.closeQuietly();
        }
    }

    /** The {@code prod} profile, with only the journal moved under {@code target}. */
    public static class Prod implements QuarkusTestProfile {

        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("trueline.journal.dir", "target/journal-prod-caps");
        }
    }
}
