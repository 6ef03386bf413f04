package dev.trueline.adapter.openai;

import dev.trueline.journal.redis.RunsOnRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link UpstreamStopRaceTest} on the Redis journal. */
@QuarkusTest
@TestProfile(OpenAiOnRedisProfile.class)
class UpstreamStopRaceOnRedisTest extends UpstreamStopRaceTest implements RunsOnRedis {
}
