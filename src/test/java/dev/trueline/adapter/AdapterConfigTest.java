package dev.trueline.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Defaults and keys of {@code trueline.adapter.*} as the application reads them. */
class AdapterConfigTest {

    @Test
    void eachUpstreamKeepsItsOwnDefaults() {
        AdapterConfig config = mapped(Map.of());

        assertEquals("https://api.openai.com/v1", config.openai().baseUrl());
        assertEquals("gpt-4o-mini", config.openai().model());
        assertEquals(Optional.empty(), config.openai().apiKey());
        assertEquals("https://api.anthropic.com", config.anthropic().baseUrl());
        assertEquals("claude-sonnet-4-5", config.anthropic().model());
        assertEquals(Optional.empty(), config.anthropic().apiKey());
    }

    @Test
    void eachUpstreamReadsItsOwnKeys() {
        AdapterConfig.Upstream openai = mapped(Map.of("trueline.adapter.openai.base-url", "http://localhost:11434/v1",
                "trueline.adapter.openai.api-key", "k1", "trueline.adapter.openai.model", "llama3")).openai();
        AdapterConfig.Upstream anthropic = mapped(Map.of("trueline.adapter.anthropic.api-key", "k2",
                "trueline.adapter.anthropic.model", "claude-x")).anthropic();

        assertEquals("http://localhost:11434/v1", openai.baseUrl());
        assertEquals(Optional.of("k1"), openai.apiKey());
        assertEquals("llama3", openai.model());
        assertEquals(Optional.of("k2"), anthropic.apiKey());
        assertEquals("claude-x", anthropic.model());
    }

    @Test
    void scriptedDirectivesKeepTheirOldLimitsUnlessConfigured() {
        AdapterConfig.Scripted scripted = mapped(Map.of()).scripted();

        assertEquals(true, scripted.directives());
        assertEquals(100_000, scripted.maxChunks());
        assertEquals(Duration.ofMinutes(10), scripted.maxDelay());
        assertEquals(Duration.ofMinutes(10), scripted.maxPause());
    }

    private static AdapterConfig mapped(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus's "30ms" form
                .withMapping(AdapterConfig.class)
                .build();
        return config.getConfigMapping(AdapterConfig.class);
    }
}
