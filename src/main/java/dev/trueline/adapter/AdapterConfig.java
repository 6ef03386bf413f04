package dev.trueline.adapter;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which model answers, and how: {@code trueline.adapter.*}. */
@ConfigMapping(prefix = "trueline.adapter")
public interface AdapterConfig {

    /**
     * The adapter that answers turns: {@code scripted} (embedded, no network), {@code openai} (any OpenAI-compatible
     * Chat Completions server) or {@code anthropic} (the Anthropic Messages API).
     */
    @WithDefault("scripted")
    String kind();

    /** The embedded scripted model. */
    Scripted scripted();

    /** The OpenAI-compatible upstream ({@code trueline.adapter.openai.*}). */
    OpenAi openai();

    /** The Anthropic upstream ({@code trueline.adapter.anthropic.*}). */
    Anthropic anthropic();

    /** Most tokens a real model may write for one answer: {@code max_tokens} of both protocols. */
    @WithDefault("4096")
    int maxTokens();

    /** Sampling temperature sent upstream; unset means the provider's own default. */
    OptionalDouble temperature();

    /** Longest wait for the TCP (and TLS) connection to a real upstream. */
    @WithDefault("10s")
    Duration connectTimeout();

    /**
     * Longest wait, after the request was sent, for the first piece of text. Keep-alive comments and {@code ping}
     * events do not count: a person who sees nothing for this long gets {@code upstream_timeout}.
     */
    @WithDefault("120s")
    Duration firstTokenTimeout();

    /** Longest silence between two pieces of text (or the finish) once the answer has started. */
    @WithDefault("60s")
    Duration idleTimeout();

    /** Settings of the embedded, deterministic model ({@code trueline.adapter.scripted.*}). */
    interface Scripted {

        /** How many chunks a scripted answer has. */
        @WithDefault("60")
        int chunks();

        /**
         * Characters in each chunk, about: the answer is sized to {@code chunks} times this many characters and split
         * into {@code chunks} pieces of equal length to within a character (longer when the echoed prompt alone is
         * longer). The scripted sentences are ASCII, so for them characters and bytes are the same.
         */
        @WithDefault("6")
        int chunkChars();

        /**
         * Time between two chunks (and before the first), like a real model on screen. {@code 0} emits each chunk as
         * soon as the turn asks for the next one, with no timer: the model is then exactly as fast as the pipeline.
         */
        @WithDefault("30ms")
        Duration delay();

        /** The model name reported in {@code turn} events and journaled with each prompt. */
        @WithDefault("scripted-1")
        String model();

        /**
         * Whether the model obeys the directives a prompt may carry ({@code #chunks=N}, {@code #delay-ms=N},
         * {@code #pause-ms=N}, {@code #fail-after=N}), within the caps below. Off, every answer has the configured
         * {@code chunks} and {@code delay}.
         */
        @WithDefault("true")
        boolean directives();

        /** Most chunks a {@code #chunks=} directive may ask for (and the furthest a {@code #fail-after=} reaches). */
        @WithDefault("100000")
        int maxChunks();

        /**
         * Longest time between two chunks a {@code #delay-ms=} directive may ask for. With {@code max-chunks} it
         * bounds how long a directed answer holds one of the {@code trueline.turn.max-concurrent} turn slots.
         */
        @WithDefault("10m")
        Duration maxDelay();

        /** Longest silence before the first chunk a {@code #pause-ms=} directive may ask for. */
        @WithDefault("10m")
        Duration maxPause();
    }

    /**
     * The settings every real upstream has, under {@code trueline.adapter.<kind>.*}; each provider's group below
     * declares them again with its own defaults and meaning.
     */
    interface Upstream {

        /** The API root the provider's path is appended to. */
        String baseUrl();

        /** The API key; never logged. */
        Optional<String> apiKey();

        /** The model used when a turn names none. */
        String model();
    }

    /** An OpenAI-compatible Chat Completions server: OpenAI, Ollama, llama.cpp, vLLM, LM Studio, OpenRouter. */
    interface OpenAi extends Upstream {

        /** The API root; {@code /chat/completions} is appended. Ollama: {@code http://localhost:11434/v1}. */
        @Override
        @WithDefault("https://api.openai.com/v1")
        String baseUrl();

        /** Sent as {@code Authorization: Bearer <key>}; never logged. Unset for local servers that need none. */
        @Override
        Optional<String> apiKey();

        /** The model used when a turn names none. */
        @Override
        @WithDefault("gpt-4o-mini")
        String model();
    }

    /** The Anthropic Messages API. */
    interface Anthropic extends Upstream {

        /** The API root; {@code /v1/messages} is appended. */
        @Override
        @WithDefault("https://api.anthropic.com")
        String baseUrl();

        /** Sent as {@code x-api-key}; never logged. */
        @Override
        Optional<String> apiKey();

        /** The model used when a turn names none. */
        @Override
        @WithDefault("claude-sonnet-4-5")
        String model();
    }
}
