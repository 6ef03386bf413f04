package dev.trueline.durability;

import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Short heartbeats, a small turn limit and small socket send buffers ({@link SmallSendBuffer}), so silences,
 * limits and stalled clients show within a test's patience.
 */
public class StreamingFaultsProfile implements QuarkusTestProfile {

    static final int MAX_CONCURRENT = 6;

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(SmallSendBuffer.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "trueline.journal.dir", "target/journal-streaming-faults-test",
                "trueline.sse.heartbeat", "300ms",
                "trueline.turn.reconnect-grace", "200ms",
                "trueline.turn.max-concurrent", Integer.toString(MAX_CONCURRENT));
    }
}
