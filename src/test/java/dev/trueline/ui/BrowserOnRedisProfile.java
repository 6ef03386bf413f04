package dev.trueline.ui;

import dev.trueline.journal.redis.OnRedis;

/** {@link BrowserProfile} on the Redis journal: the chat page's turn, stop and resume tests on both backends. */
public class BrowserOnRedisProfile extends OnRedis {

    public BrowserOnRedisProfile() {
        super(new BrowserProfile());
    }
}
