package dev.trueline.adapter.openai;

import dev.trueline.journal.redis.OnRedis;

/** {@link OpenAiProfile} on the Redis journal: the {@code openai} adapter's tests, run on both backends. */
public class OpenAiOnRedisProfile extends OnRedis {

    public OpenAiOnRedisProfile() {
        super(new OpenAiProfile());
    }
}
