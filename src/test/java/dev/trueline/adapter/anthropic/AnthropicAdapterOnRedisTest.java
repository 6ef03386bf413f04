package dev.trueline.adapter.anthropic;

import dev.trueline.journal.redis.RunsOnRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link AnthropicAdapterTest}, the adapter contract and every test of its own, on the Redis journal. */
@QuarkusTest
@TestProfile(AnthropicOnRedisProfile.class)
class AnthropicAdapterOnRedisTest extends AnthropicAdapterTest implements RunsOnRedis {
}
