package dev.trueline.turn;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of a turn and what happens when its clients leave: {@code trueline.turn.*}. */
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

    /**
     * What a turn does when every client following it is gone: {@code cancel} (after the grace below, the model is
     * cancelled and the turn ends {@code aborted}/{@code client_disconnect}) or {@code continue} (the model runs to
     * its end and the whole answer is journaled).
     */
    @WithDefault("cancel")
    DisconnectPolicy onDisconnect();

    /**
     * With {@code on-disconnect=cancel}: how long a turn waits with no follower before the model is cancelled. A
     * client that resumes within it (a reload, a network blip) keeps the answer going, with nothing lost.
     */
    @WithDefault("30s")
    Duration reconnectGrace();

    /**
     * How long the stop endpoint waits for the turn's {@code aborted} record to be journaled before it answers 202
     * (stop decided, journal slow) instead of 204.
     */
    @WithDefault("10s")
    Duration stopWait();
}
