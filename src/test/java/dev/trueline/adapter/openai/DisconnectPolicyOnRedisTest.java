package dev.trueline.adapter.openai;

import dev.trueline.journal.redis.OnRedis;
import dev.trueline.journal.redis.RunsOnRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link DisconnectPolicyTest}, every test of it, on the Redis journal. */
@QuarkusTest
@TestProfile(DisconnectPolicyOnRedisTest.Cancel.class)
class DisconnectPolicyOnRedisTest extends DisconnectPolicyTest implements RunsOnRedis {

    /** {@link DisconnectPolicyTest.Cancel} on Redis. */
    public static class Cancel extends OnRedis {
        public Cancel() {
            super(new DisconnectPolicyTest.Cancel());
        }
    }
}
