package dev.trueline.security;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * {@code token} mode with two principals, and DEBUG logging everywhere (as an operator chasing a problem might set
 * it), so that {@link TokenAuthTest} can show that not even then does a token reach the log.
 */
public class TokenProfile implements QuarkusTestProfile {

    static final String ALICE = "tl-test-alice-3f9c2e71d4b84a6a9b5e0c1d2f3a4b5c";
    static final String BOB = "tl-test-bob-8e7d6c5b4a3928171605f4e3d2c1b0a9";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "trueline.auth.mode", "token",
                "trueline.auth.tokens.alice", "sha256:" + sha256Hex(ALICE),
                // upper-case hex is accepted too
                "trueline.auth.tokens.bob", "sha256:" + sha256Hex(BOB).toUpperCase(),
                "quarkus.log.level", "DEBUG",
                // the test's own HTTP client (RestAssured's Apache client) logs every header it sends at DEBUG:
                // that is this JVM's client, not Trueline, so it is kept quiet
                "quarkus.log.category.\"org.apache.http\".level", "INFO");
    }

    static String sha256Hex(String token) {
        return dev.trueline.testing.Sha256.hex(token);
    }
}
