package dev.trueline.turn;

import dev.trueline.journal.redis.OnRedis;
import dev.trueline.journal.redis.RunsOnRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link FollowersTest}, every test of it, on the Redis journal. */
@QuarkusTest
@TestProfile(FollowersOnRedisTest.ShortGrace.class)
class FollowersOnRedisTest extends FollowersTest implements RunsOnRedis {

    /** {@link FollowersTest.ShortGrace} on Redis. */
    public static class ShortGrace extends OnRedis {
        public ShortGrace() {
            super(new FollowersTest.ShortGrace());
        }
    }
}
