package dev.trueline.adapter;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Which model answers, and how: {@code trueline.adapter.*}. */
@ConfigMapping(prefix = "trueline.adapter")
public interface AdapterConfig {

    /** The adapter that answers turns: {@code scripted} (embedded, no network). */
    @WithDefault("scripted")
    String kind();

    /** The embedded scripted model. */
    Scripted scripted();

    /** Settings of the embedded, deterministic model ({@code trueline.adapter.scripted.*}). */
    interface Scripted {

        /** How many chunks a scripted answer has. */
        @WithDefault("60")
        int chunks();

        /** Time between two chunks (and before the first), like a real model on screen. */
        @WithDefault("30ms")
        Duration delay();

        /** The model name reported in {@code turn} events and journaled with each prompt. */
        @WithDefault("scripted-1")
        String model();
    }
}
