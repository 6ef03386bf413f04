package dev.trueline.adapter.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class UpstreamTargetTest {

    private final UpstreamTarget target = new UpstreamTarget("OpenAI-compatible upstream", "http://localhost/v1",
            Optional.of("sk-secret-123"), "TRUELINE_ADAPTER_OPENAI");

    @Test
    void redactsEveryOccurrenceOfTheKey() {
        assertEquals("bad key [redacted], really [redacted]",
                target.redact("bad key sk-secret-123, really sk-secret-123"));
    }

    @Test
    void neverPrintsTheKey() {
        assertFalse(target.toString().contains("sk-secret-123"));
        assertEquals("TRUELINE_ADAPTER_OPENAI_API_KEY", target.apiKeyVariable());
    }

    @Test
    void aBaseUrlThatIsNotHttpIsRefusedNamingTheVariable() {
        UpstreamTarget wrong = new UpstreamTarget("x", "localhost:11434/v1", Optional.empty(),
                "TRUELINE_ADAPTER_OPENAI");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UpstreamClients.build(Object.class, wrong, null));
        assertTrue(e.getMessage().contains("TRUELINE_ADAPTER_OPENAI_BASE_URL"), e.getMessage());
    }
}
