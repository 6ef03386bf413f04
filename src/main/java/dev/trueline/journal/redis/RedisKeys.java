package dev.trueline.journal.redis;

import dev.trueline.journal.ConversationId;

/**
 * The keys of one conversation. All of them carry the conversation id as a hash tag ({@code {<cid>}}), so a Redis
 * Cluster keeps them on one shard and one Lua script may touch them all.
 *
 * @param log the stream: entry n of the conversation (header included, from 1) has the id {@code 0-n}
 * @param state a hash the append script keeps: {@code n} (entries), {@code turn}, {@code open}, {@code written}
 *        (chunks of the open turn) and {@code p:<turn>} (the entry of each turn's prompt)
 * @param lease who holds the conversation: {@code "<epoch> <PURPOSE> <turn>"}, with the lease time as its expiry
 * @param epoch the last fencing epoch handed out: each lease taken gets a greater one, never less than the server's
 *        clock in microseconds, so an epoch is never reused even once this key expired (retention); {@code delete}
 *        leaves it
 * @param stop a stop asked of the lease's holder by another process: {@code "<epoch> <turn> <seen>"}, living one
 *        lease time ({@link StopRequests})
 */
record RedisKeys(String log, String state, String lease, String epoch, String stop) {

    static RedisKeys of(String prefix, ConversationId id) {
        String base = prefix + ":{" + id.value() + "}:";
        return new RedisKeys(base + "log", base + "state", base + "lease", base + "epoch", base + "stop");
    }

    /**
     * Turn {@code turn}'s followers in processes that do not write it ({@link FollowerPresences}): a sorted set of
     * follower ids, each scored by when its presence expires (Redis time, in milliseconds).
     */
    String followers(int turn) {
        return base() + "followers:" + turn;
    }

    /** The furthest chunk any follower of turn {@code turn} in another process than its writer's was handed. */
    String delivered(int turn) {
        return base() + "delivered:" + turn;
    }

    private String base() {
        return log.substring(0, log.length() - "log".length());
    }

    /** The pub/sub channel that wakes the holders of leases up when a stop is asked of one of them. */
    static String stopChannel(String prefix) {
        return prefix + ":stops";
    }

    /** The sorted set of every conversation id (scored by when it was first written): listing never scans. */
    static String index(String prefix) {
        return prefix + ":conversations";
    }

    /** The stream id of entry {@code n}: ids are dense and follow the journal position. */
    static String entryId(long n) {
        return "0-" + n;
    }

    /** The entry number of a stream id written by {@link #entryId}. */
    static long entryNumber(String id) {
        return Long.parseLong(id.substring(id.indexOf('-') + 1));
    }
}
