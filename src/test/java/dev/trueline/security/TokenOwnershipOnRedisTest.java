package dev.trueline.security;

import dev.trueline.journal.redis.OnRedis;
import dev.trueline.journal.redis.RunsOnRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@link OwnershipContract} on the Redis journal, in {@code token} mode: the owner is kept in the stream's header
 * entry there, and every refusal must leave it as it was. One auth mode is enough: both hand the journal the same
 * principal name.
 */
@QuarkusTest
@TestProfile(TokenOwnershipOnRedisTest.TokenOnRedis.class)
class TokenOwnershipOnRedisTest extends TokenOwnershipTest implements RunsOnRedis {

    /** {@link TokenProfile} on Redis. */
    public static class TokenOnRedis extends OnRedis {
        public TokenOnRedis() {
            super(new TokenProfile());
        }
    }
}
