package dev.trueline.adapter.anthropic;

import dev.trueline.journal.redis.OnRedis;

/** {@link AnthropicProfile} on the Redis journal: the {@code anthropic} adapter's tests, run on both backends. */
public class AnthropicOnRedisProfile extends OnRedis {

    public AnthropicOnRedisProfile() {
        super(new AnthropicProfile());
    }
}
