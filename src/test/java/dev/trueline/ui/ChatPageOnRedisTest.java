package dev.trueline.ui;

import dev.trueline.journal.redis.RunsOnRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ChatPageTest}, every test of it, in real Chromium, on the Redis journal. */
@QuarkusTest
@TestProfile(BrowserOnRedisProfile.class)
class ChatPageOnRedisTest extends ChatPageTest implements RunsOnRedis {
}
