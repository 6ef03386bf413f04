package dev.trueline.turn;

import dev.trueline.journal.redis.OnRedis;
import dev.trueline.journal.redis.RunsOnRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link ClientDisconnectTest}, every test of it, on the Redis journal. */
@QuarkusTest
@TestProfile(ClientDisconnectOnRedisTest.Grace.class)
class ClientDisconnectOnRedisTest extends ClientDisconnectTest implements RunsOnRedis {

    /** {@link ClientDisconnectTest.Grace} on Redis. */
    public static class Grace extends OnRedis {
        public Grace() {
            super(new ClientDisconnectTest.Grace());
        }
    }
}
