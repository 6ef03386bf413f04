package dev.trueline.durability;

import dev.trueline.journal.redis.OnRedis;
import dev.trueline.journal.redis.RunsOnRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link StreamingFaultsTest}, every test of it, on the Redis journal. */
@QuarkusTest
@TestProfile(StreamingFaultsOnRedisTest.StreamingFaults.class)
class StreamingFaultsOnRedisTest extends StreamingFaultsTest implements RunsOnRedis {

    /** {@link StreamingFaultsProfile} on Redis. */
    public static class StreamingFaults extends OnRedis {
        public StreamingFaults() {
            super(new StreamingFaultsProfile());
        }
    }
}
