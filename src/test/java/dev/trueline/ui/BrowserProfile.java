package dev.trueline.ui;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The browser tests run with resuming on: a reconnect grace long enough for a page to come back, and a short SSE
 * {@code retry} so an {@code EventSource} reconnects quickly.
 */
public class BrowserProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("trueline.turn.reconnect-grace", "10s", "trueline.sse.retry", "200ms",
                "trueline.journal.dir", "target/journal-browser-test");
    }
}
