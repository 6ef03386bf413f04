package dev.trueline.journal.redis;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.smallrye.mutiny.Uni;

/**
 * This process's {@link StreamWatch}es, one per conversation stream that some follower here waits on, and none for
 * the others: a watch that nobody waits on stops and is forgotten. So the blocking reads this process holds on the
 * followers' client are one per conversation followed from here, however many followers each one has.
 */
final class StreamWatches {

    private final ConcurrentMap<String, StreamWatch> watches = new ConcurrentHashMap<>();
    private final RedisCalls followers;
    private final Duration block;

    /** @param block how long one blocking read, and one wait, lasts at most */
    StreamWatches(RedisCalls followers, Duration block) {
        this.followers = followers;
        this.block = block;
    }

    /**
     * True once stream {@code log} holds an entry after entry {@code seen}, false when none came within the block
     * time (the caller then checks that the turn's writer is still there); fails as the blocking read does.
     */
    Uni<Boolean> after(String log, long seen) {
        return Uni.createFrom().<Boolean> emitter(waiter -> {
            StreamWatch watch = watch(log);
            while (!watch.add(seen, waiter)) {
                watches.remove(log, watch); // it was stopping just now: a fresh one takes over
                watch = watch(log);
            }
        }).ifNoItem().after(block).recoverWithItem(false);
    }

    /** Conversations with a watch now. For tests. */
    int size() {
        return watches.size();
    }

    private StreamWatch watch(String log) {
        return watches.computeIfAbsent(log, key -> new StreamWatch(key, followers, block,
                retired -> watches.remove(key, retired)));
    }
}
