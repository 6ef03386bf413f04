package dev.trueline.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link OwnershipContract} in {@code token} mode: alice and bob, each with a configured token. */
@QuarkusTest
@TestProfile(TokenProfile.class)
class TokenOwnershipTest extends OwnershipContract {

    @Override
    String a() {
        return "Bearer " + TokenProfile.ALICE;
    }

    @Override
    String b() {
        return "Bearer " + TokenProfile.BOB;
    }

    @Override
    String aName() {
        return "alice";
    }
}
