package dev.trueline.adapter.openai;

import dev.trueline.journal.redis.OnRedis;
import dev.trueline.journal.redis.RunsOnRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ContinuePolicyTest}, every test of it, on the Redis journal. */
@QuarkusTest
@TestProfile(ContinuePolicyOnRedisTest.Continue.class)
class ContinuePolicyOnRedisTest extends ContinuePolicyTest implements RunsOnRedis {

    /** {@link ContinuePolicyTest.Continue} on Redis. */
    public static class Continue extends OnRedis {
        public Continue() {
            super(new ContinuePolicyTest.Continue());
        }
    }
}
