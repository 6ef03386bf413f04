package dev.trueline.adapter.upstream;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Trueline answering with one real adapter against a {@link FakeUpstream}, the log captured to a file. One subclass
 * per provider, which only says which {@link Provider}.
 */
public abstract class UpstreamProfile implements QuarkusTestProfile {

    /** {@code trueline.adapter.max-tokens}, sent as the body's {@code max_tokens}. */
    public static final int MAX_TOKENS = 321;
    /** {@code trueline.adapter.temperature}, sent as the body's {@code temperature}. */
    public static final double TEMPERATURE = 0.25;

    /**
     * The provider a profile runs: its {@code trueline.adapter.kind}, an API key that looks real (so that a leak of
     * any part of it is easy to find) and the configured default model.
     */
    public record Provider(String kind, String apiKey, String model) {

        /** Where this test JVM's application log goes. */
        public Path log() {
            return Path.of("target", "logs", kind + "-" + ProcessHandle.current().pid() + ".log").toAbsolutePath();
        }

        /** The environment variable of a setting of this provider, e.g. {@code TRUELINE_ADAPTER_OPENAI_API_KEY}. */
        public String variable(String setting) {
            return "TRUELINE_ADAPTER_" + kind.toUpperCase(Locale.ROOT) + "_" + setting;
        }
    }

    private final Provider provider;

    protected UpstreamProfile(Provider provider) {
        this.provider = provider;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("trueline.adapter.kind", provider.kind()),
                Map.entry("trueline.adapter." + provider.kind() + ".api-key", provider.apiKey()),
                Map.entry("trueline.adapter." + provider.kind() + ".model", provider.model()),
                Map.entry("trueline.adapter.max-tokens", String.valueOf(MAX_TOKENS)),
                Map.entry("trueline.adapter.temperature", String.valueOf(TEMPERATURE)),
                // short, but far above what a local stream needs on a loaded machine
                Map.entry("trueline.adapter.first-token-timeout", "3s"),
                Map.entry("trueline.adapter.idle-timeout", "3s"),
                Map.entry("quarkus.log.file.enabled", "true"),
                Map.entry("quarkus.log.file.path", provider.log().toString()),
                Map.entry("quarkus.log.category.\"dev.trueline\".level", "DEBUG"),
                Map.entry("quarkus.log.category.\"org.jboss.resteasy.reactive.client\".level", "DEBUG"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeUpstreamResource.class));
    }
}
