package dev.trueline.adapter.openai;

import dev.trueline.journal.redis.RunsOnRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link OpenAiAdapterTest}, the adapter contract and every test of its own, on the Redis journal. */
@QuarkusTest
@TestProfile(OpenAiOnRedisProfile.class)
class OpenAiAdapterOnRedisTest extends OpenAiAdapterTest implements RunsOnRedis {
}
