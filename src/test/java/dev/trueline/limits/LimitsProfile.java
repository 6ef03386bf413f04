package dev.trueline.limits;

import java.util.Map;

import dev.trueline.testing.Sha256;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * {@code token} mode with three principals, the default of 4 running turns each and a bucket of
 * {@value #PER_MINUTE} turns a minute, small enough that a test empties it and sees it refill in seconds.
 */
public class LimitsProfile implements QuarkusTestProfile {

    static final String ANNA = "tl-test-anna-0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String BORIS = "tl-test-boris-f9e8d7c6b5a4938271605f4e3d2c1b0a";
    static final String CLARA = "tl-test-clara-1234567890abcdef1234567890abcdef";
    static final int PER_MINUTE = 6;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "trueline.auth.mode", "token",
                "trueline.auth.tokens.anna", "sha256:" + Sha256.hex(ANNA),
                "trueline.auth.tokens.boris", "sha256:" + Sha256.hex(BORIS),
                "trueline.auth.tokens.clara", "sha256:" + Sha256.hex(CLARA),
                "trueline.limits.turns-per-minute", Integer.toString(PER_MINUTE));
    }
}
