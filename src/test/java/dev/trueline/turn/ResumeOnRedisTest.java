package dev.trueline.turn;

import dev.trueline.journal.redis.OnRedis;
import dev.trueline.journal.redis.RunsOnRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ResumeTest}, every test of it, on the Redis journal. */
@QuarkusTest
@TestProfile(ResumeOnRedisTest.Grace.class)
class ResumeOnRedisTest extends ResumeTest implements RunsOnRedis {

    /** {@link ResumeTest.Grace} on Redis. */
    public static class Grace extends OnRedis {
        public Grace() {
            super(new ResumeTest.Grace());
        }
    }
}
