package dev.trueline.turn;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of a turn: {@code trueline.turn.*}. */
@ConfigMapping(prefix = "trueline.turn")
public interface TurnConfig {

    /** Longest prompt accepted, in characters (Unicode code points: an emoji counts one); longer gets 413. */
    @WithDefault("32000")
    int maxPromptChars();

    /**
     * Longest {@code model} name a turn may ask for, in characters (code points); longer gets 400
     * {@code invalid_model}. Model names are journaled with each prompt, echoed in the {@code turn} event and sent
     * upstream: real ones are well under 100 characters.
     */
    @WithDefault("200")
    int maxModelChars();

    /**
     * Turns running at once on this instance; one more is refused with 503 and {@code Retry-After}, before anything
     * is journaled.
     */
    @WithDefault("512")
    int maxConcurrent();
}
