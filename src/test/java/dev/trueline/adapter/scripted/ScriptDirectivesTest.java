package dev.trueline.adapter.scripted;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.trueline.adapter.AdapterConfig;

/** A prompt's directives, obeyed within the configured caps, or not at all. */
class ScriptDirectivesTest {

    /** The configured answer is 60 chunks 30 ms apart; directives may ask for up to 500 chunks, 200 ms, 3 s. */
    private static final Caps CAPPED = new Caps(true, 500, Duration.ofMillis(200), Duration.ofSeconds(3));

    @Test
    void aPromptWithoutDirectivesGetsTheConfiguredAnswer() {
        assertEquals(new ScriptDirectives(60, Duration.ofMillis(30), Duration.ZERO, -1),
                ScriptDirectives.parse("Tell me about journals", CAPPED));
    }

    @Test
    void directivesWithinTheCapsAreObeyed() {
        assertEquals(new ScriptDirectives(500, Duration.ofMillis(200), Duration.ofSeconds(3), 7),
                ScriptDirectives.parse("Go #chunks=500 #delay-ms=200 #pause-ms=3000 #fail-after=7", CAPPED));
    }

    @Test
    void directivesBeyondTheCapsGetTheCaps() {
        assertEquals(new ScriptDirectives(500, Duration.ofMillis(200), Duration.ofSeconds(3), 500),
                ScriptDirectives.parse("#chunks=100000 #delay-ms=600000 #pause-ms=600000 #fail-after=9999", CAPPED));
    }

    @Test
    void withDirectivesOffThePromptIsOrdinaryText() {
        Caps off = new Caps(false, 500, Duration.ofMillis(200), Duration.ofSeconds(3));

        assertEquals(new ScriptDirectives(60, Duration.ofMillis(30), Duration.ZERO, -1),
                ScriptDirectives.parse("#chunks=5 #delay-ms=1 #pause-ms=100 #fail-after=1", off));
    }

    @Test
    void aPromptAsksForAtLeastOneChunk() {
        assertEquals(1, ScriptDirectives.parse("#chunks=0", CAPPED).chunks());
    }

    /** The scripted settings, with these directive switch and caps. */
    private record Caps(boolean directives, int maxChunks, Duration maxDelay, Duration maxPause)
            implements
                AdapterConfig.Scripted {

        @Override
        public int chunks() {
            return 60;
        }

        @Override
        public Duration delay() {
            return Duration.ofMillis(30);
        }

        @Override
        public int chunkChars() {
            return 6;
        }

        @Override
        public String model() {
            return "scripted-1";
        }
    }
}
