package dev.trueline.turn;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of a turn: {@code trueline.turn.*}. */
@ConfigMapping(prefix = "trueline.turn")
public interface TurnConfig {

    /** Longest prompt accepted, in characters (UTF-16 code units); longer prompts get 413. */
    @WithDefault("32000")
    int maxPromptChars();

    /**
     * Turns running at once on this instance; one more is refused with 503 and {@code Retry-After}, before anything
     * is journaled.
     */
    @WithDefault("512")
    int maxConcurrent();
}
