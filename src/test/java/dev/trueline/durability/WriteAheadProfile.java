package dev.trueline.durability;

import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

/** {@code sync=always} with a {@link HoldableFsync}, and a journal directory of its own. */
public class WriteAheadProfile implements QuarkusTestProfile {

    static final String DIR = "target/journal-write-ahead-test";

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(HoldableFsync.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("trueline.journal.dir", DIR, "trueline.journal.sync", "always",
                "trueline.turn.stop-wait", "2s");
    }
}
