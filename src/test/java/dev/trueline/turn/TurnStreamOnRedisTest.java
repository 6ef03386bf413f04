package dev.trueline.turn;

import dev.trueline.journal.redis.OnRedis;
import dev.trueline.journal.redis.RunsOnRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link TurnStreamTest}, every test of it, on the Redis journal. */
@QuarkusTest
@TestProfile(OnRedis.class)
class TurnStreamOnRedisTest extends TurnStreamTest implements RunsOnRedis {
}
