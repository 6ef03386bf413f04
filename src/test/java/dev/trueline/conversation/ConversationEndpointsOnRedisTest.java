package dev.trueline.conversation;

import dev.trueline.journal.redis.OnRedis;
import dev.trueline.journal.redis.RunsOnRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ConversationEndpointsTest}, every test of it, on the Redis journal. */
@QuarkusTest
@TestProfile(OnRedis.class)
class ConversationEndpointsOnRedisTest extends ConversationEndpointsTest implements RunsOnRedis {
}
