package dev.trueline.security;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * {@code jwt} mode with the test's own key pair ({@link TestKeys}), one issuer and one audience, and DEBUG logging
 * everywhere but the test's own HTTP client, so that {@link JwtAuthTest} can show that no JWT reaches the log.
 */
public class JwtProfile implements QuarkusTestProfile {

    static final String ISSUER = "https://issuer.trueline.test";
    static final String AUDIENCE = "trueline";

    @Override
    public Map<String, String> getConfigOverrides() {
        TestKeys.ensure();
        return Map.of(
                "trueline.auth.mode", "jwt",
                "mp.jwt.verify.publickey.location", TestKeys.PUBLIC.toAbsolutePath().toUri().toString(),
                "mp.jwt.verify.issuer", ISSUER,
                "mp.jwt.verify.audiences", AUDIENCE,
                "quarkus.log.level", "DEBUG",
                "quarkus.log.category.\"org.apache.http\".level", "INFO");
    }
}
