package dev.trueline.adapter.openai;

import dev.trueline.journal.redis.OnRedis;
import dev.trueline.journal.redis.RunsOnRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link UpstreamStopRaceTest}, every test of it, on the Redis journal. */
@QuarkusTest
@TestProfile(UpstreamStopRaceOnRedisTest.OpenAi.class)
class UpstreamStopRaceOnRedisTest extends UpstreamStopRaceTest implements RunsOnRedis {

    /** {@link OpenAiProfile} on Redis. */
    public static class OpenAi extends OnRedis {
        public OpenAi() {
            super(new OpenAiProfile());
        }
    }
}
