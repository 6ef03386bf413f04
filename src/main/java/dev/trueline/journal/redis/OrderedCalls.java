package dev.trueline.journal.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.trueline.journal.ConversationId;
import io.smallrye.mutiny.Uni;

/**
 * Runs the calls of one conversation one at a time, in the order they were subscribed, as the {@code Journal}
 * contract says. A pooled Redis client may send two commands on two connections, so two appends subscribed in order
 * could otherwise reach Redis out of order (I2). A call that started runs to its end even if its subscriber cancels
 * (an append in flight still lands, as in the file journal), and the next one waits for it. Conversations with
 * nothing queued hold no memory.
 * <p>
 * Some calls can be {@linkplain #join joined}: while one waits for its turn, later calls of its kind add their entry
 * to it instead of queueing a call of their own, so a conversation whose calls come faster than Redis answers sends
 * the backlog in one call, not one round trip each (the appends of a streaming turn). Any other call subscribed
 * meanwhile closes the waiting one to further entries, so no entry overtakes a call subscribed before it.
 */
final class OrderedCalls {

    /** At most this many entries in one joined call: a backlog this long goes in several. */
    static final int MAX_JOINED = 128;

    /** The last call queued for each conversation: done once it ran. Guarded by {@code this}. */
    private final Map<ConversationId, CompletableFuture<Void>> last = new HashMap<>();
    /** Per conversation, the joinable call still waiting for its turn, if the last call queued is one. */
    private final Map<ConversationId, List<?>> joinable = new HashMap<>();

    /** {@code call}, run once the calls subscribed before it for {@code id} are over. */
    <T> Uni<T> submit(ConversationId id, Supplier<Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<T> result = new CompletableFuture<>();
            Place place;
            synchronized (this) {
                place = queue(id, null);
            }
            place.start(() -> call.get().subscribe().with(result::complete, result::completeExceptionally), result);
            return Uni.createFrom().completionStage(result);
        });
    }

    /**
     * Adds {@code entry} to the call of {@code id} that was joined last, if it still waits for its turn, has room
     * and nothing was subscribed after it; otherwise queues a new call that, once the calls before it are over, runs
     * {@code call} with its entries, in the order they joined. The entry's own outcome is its caller's to report:
     * {@code call} completes once the whole call is over, which lets the next call of the conversation run.
     */
    <E> void join(ConversationId id, E entry, Function<List<E>, Uni<Void>> call) {
        List<E> entries;
        Place place;
        synchronized (this) {
            @SuppressWarnings("unchecked")
            List<E> waiting = (List<E>) joinable.get(id);
            if (waiting != null && waiting.size() < MAX_JOINED) {
                waiting.add(entry);
                return;
            }
            entries = new ArrayList<>();
            entries.add(entry);
            place = queue(id, entries);
        }
        CompletableFuture<Void> over = new CompletableFuture<>();
        place.start(() -> call.apply(entries).subscribe().with(over::complete, over::completeExceptionally), over);
    }

    /** Conversations with a call queued or running. For tests. */
    synchronized int busy() {
        return last.size();
    }

    /**
     * Takes the next place in {@code id}'s queue, under the lock: the order of places is the order of the calls.
     * {@code entries}: a joinable call's entries, open to joining until it starts; null for a call that is not.
     */
    private Place queue(ConversationId id, List<?> entries) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> before = last.put(id, mine);
        if (entries == null) {
            joinable.remove(id); // whatever is subscribed after this call must not overtake it by joining
        } else {
            joinable.put(id, entries);
        }
        return new Place(id, entries, mine, before);
    }

    /** A call's place in its conversation's queue: {@code before} is the call ahead of it, {@code mine} its own end. */
    private final class Place {

        private final ConversationId id;
        private final List<?> entries;
        private final CompletableFuture<Void> mine;
        private final CompletableFuture<Void> before;

        Place(ConversationId id, List<?> entries, CompletableFuture<Void> mine, CompletableFuture<Void> before) {
            this.id = id;
            this.entries = entries;
            this.mine = mine;
            this.before = before;
        }

        /** Runs {@code run} once the call ahead is over; the next call runs once {@code over} completes. */
        void start(Runnable run, CompletableFuture<?> over) {
            over.whenComplete((ignored, failure) -> done(id, mine));
            Runnable go = () -> {
                if (entries != null) {
                    synchronized (OrderedCalls.this) {
                        if (joinable.get(id) == entries) {
                            joinable.remove(id); // it runs: later entries go in a call of their own
                        }
                    }
                }
                try {
                    run.run();
                } catch (RuntimeException e) {
                    over.completeExceptionally(e);
                }
            };
            if (before == null) {
                go.run();
            } else {
                before.whenComplete((ignored, failure) -> go.run());
            }
        }
    }

    private void done(ConversationId id, CompletableFuture<Void> mine) {
        synchronized (this) {
            last.remove(id, mine);
        }
        mine.complete(null);
    }
}
