package dev.trueline.adapter.openai;

import dev.trueline.journal.redis.OnRedis;
import dev.trueline.journal.redis.RunsOnRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link UpstreamStopRaceTest} on the Redis journal. */
@QuarkusTest
@TestProfile(UpstreamStopRaceOnRedisTest.OpenAiOnRedis.class)
class UpstreamStopRaceOnRedisTest extends UpstreamStopRaceTest implements RunsOnRedis {

    /** {@link OpenAiProfile} on Redis. */
    public static class OpenAiOnRedis extends OnRedis {
        public OpenAiOnRedis() {
            super(new OpenAiProfile());
        }
    }
}
