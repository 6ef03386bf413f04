package dev.trueline.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link OwnershipContract} in {@code jwt} mode: two subjects with JWTs signed by the test's key pair. */
@QuarkusTest
@TestProfile(JwtProfile.class)
class JwtOwnershipTest extends OwnershipContract {

    private static final String ANN = "Bearer " + Jwts.sign(Jwts.valid("ann"));
    private static final String BEN = "Bearer " + Jwts.sign(Jwts.valid("ben"));

    @Override
    String a() {
        return ANN;
    }

    @Override
    String b() {
        return BEN;
    }

    @Override
    String aName() {
        return "ann";
    }
}
