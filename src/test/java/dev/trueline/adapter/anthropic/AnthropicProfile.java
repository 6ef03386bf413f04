package dev.trueline.adapter.anthropic;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.trueline.adapter.upstream.FakeUpstreamResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/** Trueline answering with the {@code anthropic} adapter against a {@code FakeUpstream}, logs captured to a file. */
public class AnthropicProfile implements QuarkusTestProfile {

    /** Looks like a real key so that a leak of any part of it is easy to find. */
    public static final String API_KEY = "sk-ant-api03-TRUELINEtestKEY9876543210zyxwQ-AA";
    public static final Path LOG = Path.of("target", "logs", "anthropic-" + ProcessHandle.current().pid() + ".log")
            .toAbsolutePath();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("trueline.adapter.kind", "anthropic"),
                Map.entry("trueline.adapter.anthropic.api-key", API_KEY),
                Map.entry("trueline.adapter.anthropic.model", "fake-claude"),
                Map.entry("trueline.adapter.max-tokens", "321"),
                Map.entry("trueline.adapter.temperature", "0.25"),
                // short, but far above what a local stream needs on a loaded machine
                Map.entry("trueline.adapter.first-token-timeout", "3s"),
                Map.entry("trueline.adapter.idle-timeout", "3s"),
                Map.entry("quarkus.log.file.enabled", "true"),
                Map.entry("quarkus.log.file.path", LOG.toString()),
                Map.entry("quarkus.log.category.\"dev.trueline\".level", "DEBUG"),
                Map.entry("quarkus.log.category.\"org.jboss.resteasy.reactive.client\".level", "DEBUG"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeUpstreamResource.class));
    }
}
