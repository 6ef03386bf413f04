package dev.trueline.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The readiness check shows the upstream's host and nothing else of its base URL. */
class UpstreamHealthCheckTest {

    @Test
    void showsOnlyTheHostOfABaseUrl() {
        assertEquals("api.openai.com", UpstreamHealthCheck.hostOf("https://api.openai.com/v1"));
        assertEquals("llm.internal", UpstreamHealthCheck.hostOf(" http://user:secret@llm.internal:8443/proxy?key=k "));
    }

    @Test
    void saysSoWhenTheBaseUrlIsNotAUrl() {
        assertEquals("invalid base URL", UpstreamHealthCheck.hostOf("not a url"));
        assertEquals("invalid base URL", UpstreamHealthCheck.hostOf("/v1"));
    }
}
