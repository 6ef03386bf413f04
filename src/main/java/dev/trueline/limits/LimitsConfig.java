package dev.trueline.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How much one principal may ask of this instance ({@code trueline.limits.*}). Applied in {@code token} and
 * {@code jwt} modes; in {@code none} mode every caller is the same implicit principal, so a per-principal limit
 * would be a limit on the whole instance, which {@code trueline.turn.max-concurrent} already is.
 */
@ConfigMapping(prefix = "trueline.limits")
public interface LimitsConfig {

    /** Turns one principal may have running at once on this instance; one more is refused with 429. */
    @WithDefault("4")
    int turnsPerUser();

    /**
     * Turns one principal may start per minute: a token bucket of this many, refilled evenly over the minute, so a
     * burst of that many is allowed at once. One more is refused with 429 and the seconds until the next token.
     */
    @WithDefault("30")
    int turnsPerMinute();
}
