package dev.trueline.durability;

import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Journal faults: {@link FailingJournal} enabled, and a journal directory of its own that tests may break. */
public class JournalFaultProfile implements QuarkusTestProfile {

    static final String DIR = "target/journal-faults-test";

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(FailingJournal.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("trueline.journal.dir", DIR);
    }
}
