package dev.trueline.adapter.upstream;

import java.util.Optional;

/**
 * Where a real model lives and how its settings are named, so that every failure message can say exactly which
 * environment variable to fix. Holds the API key only to send and to redact it: {@link #toString()} leaves it out.
 */
public final class UpstreamTarget {

    private static final String REDACTED = "[redacted]";

    private final String label;
    private final String baseUrl;
    private final Optional<String> apiKey;
    private final String envPrefix;

    /**
     * @param label how messages name the upstream, e.g. {@code OpenAI-compatible upstream}
     * @param baseUrl the configured API root
     * @param apiKey the configured key, if any
     * @param envPrefix the environment form of the settings' prefix, e.g. {@code TRUELINE_ADAPTER_OPENAI}
     */
    public UpstreamTarget(String label, String baseUrl, Optional<String> apiKey, String envPrefix) {
        this.label = label;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey.map(String::strip).filter(key -> !key.isEmpty());
        this.envPrefix = envPrefix;
    }

    public String label() {
        return label;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Optional<String> apiKey() {
        return apiKey;
    }

    /** The environment variable that sets the API key, e.g. {@code TRUELINE_ADAPTER_OPENAI_API_KEY}. */
    public String apiKeyVariable() {
        return envPrefix + "_API_KEY";
    }

    public String baseUrlVariable() {
        return envPrefix + "_BASE_URL";
    }

    public String modelVariable() {
        return envPrefix + "_MODEL";
    }

    /** The text with every occurrence of the API key replaced: upstream messages may echo what they were sent. */
    public String redact(String text) {
        if (text == null || apiKey.isEmpty()) {
            return text;
        }
        return text.replace(apiKey.get(), REDACTED);
    }

    @Override
    public String toString() {
        return label + " at " + withoutUserInfo(baseUrl); // never the key, nor a password in the URL
    }

    private static String withoutUserInfo(String url) {
        return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
    }
}
