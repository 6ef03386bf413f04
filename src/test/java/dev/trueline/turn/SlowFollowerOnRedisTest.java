package dev.trueline.turn;

import dev.trueline.journal.redis.OnRedis;
import dev.trueline.journal.redis.RunsOnRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link SlowFollowerTest}, every test of it, on the Redis journal. */
@QuarkusTest
@TestProfile(SlowFollowerOnRedisTest.BigChunks.class)
class SlowFollowerOnRedisTest extends SlowFollowerTest implements RunsOnRedis {

    /** {@link SlowFollowerTest.BigChunks} on Redis. */
    public static class BigChunks extends OnRedis {
        public BigChunks() {
            super(new SlowFollowerTest.BigChunks());
        }
    }
}
