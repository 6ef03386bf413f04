package dev.trueline.journal.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A test class's profile, on the Redis journal: everything the profile its file-journal run uses sets (its config,
 * alternatives and test resources), plus {@code trueline.journal.backend=redis} and a real redis-server
 * ({@link RedisServerResource}) of the profile's own, started with the application and stopped with it. So that one
 * test class runs against both backends, its Redis variant is a subclass under a subclass of this that names the file
 * profile ({@code super(new ResumeTest.Grace())}); classes with no profile of their own share this one, and with it
 * one application and one redis-server. Tests reading the journal read it through {@code JournalFiles}, which reads
 * the stream on Redis.
 */
public class OnRedis implements QuarkusTestProfile {

    private final QuarkusTestProfile onFiles;

    /** The application's default test configuration, on Redis. */
    public OnRedis() {
        this(new QuarkusTestProfile() {
        });
    }

    /** {@code onFiles}, the profile of the file-journal run, on Redis. */
    protected OnRedis(QuarkusTestProfile onFiles) {
        this.onFiles = onFiles;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(onFiles.getConfigOverrides());
        config.put("trueline.journal.backend", "redis");
        // a file written by mistake lands apart from the file runs' journals (and nothing should be written at all)
        config.compute("trueline.journal.dir", (key, dir) -> (dir == null ? "target/journal-test" : dir) + "-on-redis");
        return config;
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return onFiles.getEnabledAlternatives();
    }

    @Override
    public String getConfigProfile() {
        return onFiles.getConfigProfile();
    }

    @Override
    public List<TestResourceEntry> testResources() {
        List<TestResourceEntry> resources = new ArrayList<>(onFiles.testResources());
        resources.add(new TestResourceEntry(RedisServerResource.class));
        return resources;
    }

    @Override
    public boolean disableGlobalTestResources() {
        return onFiles.disableGlobalTestResources();
    }

    @Override
    public Set<String> tags() {
        return onFiles.tags();
    }
}
