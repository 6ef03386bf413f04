package dev.trueline.journal.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

/**
 * The one blocking reader of one conversation's stream in this process, shared by all of this process's followers of
 * a turn that another process writes (issue #11: one reader per conversation per replica, fanned out locally). It
 * only learns how far the stream reached: {@code XREAD BLOCK <block> COUNT 1} from the last entry known to be there
 * (never {@code $}, so an entry written between two reads is never skipped), on the followers' client. Each follower
 * keeps its own cursor and reads the entries themselves with {@code XRANGE}; it waits here ({@link #add}) only once it
 * read to the end, from the last entry it read. The waiter is registered before the mark is checked, under one lock,
 * so an entry that lands meanwhile always wakes it. The reader runs while someone waits and stops when nobody does;
 * once stopped the watch is retired, and a later follower starts a fresh one.
 */
final class StreamWatch {

    private record Waiter(long seen, UniEmitter<? super Boolean> emitter) {
    }

    private final String log;
    private final RedisCalls followers;
    private final Duration block;
    private final Consumer<StreamWatch> retired;
    // Guarded by this.
    private final List<Waiter> waiters = new ArrayList<>();
    /** The stream is known to hold entries up to this one. */
    private long reached;
    private boolean reading;
    private boolean over;

    /** @param retired called once the reader stopped for good, for the owner to forget this watch */
    StreamWatch(String log, RedisCalls followers, Duration block, Consumer<StreamWatch> retired) {
        this.log = log;
        this.followers = followers;
        this.block = block;
        this.retired = retired;
    }

    /**
     * Completes {@code emitter} with true as soon as the stream holds an entry after entry {@code seen} (at once if it
     * is known to), fails it if the blocking read fails; the caller times it out. False if this watch is retired:
     * the caller takes the next one.
     */
    boolean add(long seen, UniEmitter<? super Boolean> emitter) {
        Waiter waiter = new Waiter(seen, emitter);
        boolean now;
        boolean start = false;
        synchronized (this) {
            if (over) {
                return false;
            }
            // the follower read up to seen: the stream holds at least that much, so the reader needs not read it
            reached = Math.max(reached, seen);
            now = reached > seen;
            if (!now) {
                waiters.add(waiter);
                start = !reading;
                reading = true;
            }
        }
        if (now) {
            emitter.complete(true);
            return true;
        }
        emitter.onTermination(() -> remove(waiter)); // timed out or cancelled: nobody to wake
        if (start) {
            read();
        }
        return true;
    }

    /** Followers waiting here now. For tests. */
    synchronized int waiting() {
        return waiters.size();
    }

    private synchronized void remove(Waiter waiter) {
        waiters.remove(waiter);
    }

    private void read() {
        long from;
        synchronized (this) {
            from = reached;
        }
        followers.send(Request.cmd(Command.XREAD).arg("COUNT").arg(1).arg("BLOCK").arg(block.toMillis())
                .arg("STREAMS").arg(log).arg(RedisKeys.entryId(from)))
                .subscribe().with(reply -> {
                    List<StreamEntries.Entry> entries = StreamEntries.ofRead(reply, log);
                    reached(entries.isEmpty() ? from : entries.get(entries.size() - 1).n());
                }, this::failed);
    }

    /** A read returned (with an entry, or timed out): wakes who it concerns, then reads on or stops. */
    private void reached(long entry) {
        List<Waiter> woken = new ArrayList<>();
        boolean again;
        synchronized (this) {
            reached = Math.max(reached, entry);
            waiters.removeIf(w -> w.seen() < reached && woken.add(w));
            again = !waiters.isEmpty();
            reading = again;
            over = !again;
        }
        woken.forEach(w -> w.emitter().complete(true));
        if (again) {
            read();
        } else {
            retired.accept(this);
        }
    }

    private void failed(Throwable failure) {
        List<Waiter> failing;
        synchronized (this) {
            failing = List.copyOf(waiters);
            waiters.clear();
            reading = false;
            over = true;
        }
        failing.forEach(w -> w.emitter().fail(failure));
        retired.accept(this);
    }
}
