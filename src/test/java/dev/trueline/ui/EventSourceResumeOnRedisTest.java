package dev.trueline.ui;

import dev.trueline.journal.redis.RunsOnRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link EventSourceResumeTest}, every test of it, in real Chromium, on the Redis journal. */
@QuarkusTest
@TestProfile(BrowserOnRedisProfile.class)
class EventSourceResumeOnRedisTest extends EventSourceResumeTest implements RunsOnRedis {
}
