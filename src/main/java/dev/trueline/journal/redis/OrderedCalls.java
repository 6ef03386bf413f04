package dev.trueline.journal.redis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import dev.trueline.journal.ConversationId;
import io.smallrye.mutiny.Uni;

/**
 * Runs the calls of one conversation one at a time, in the order they were subscribed, as the {@code Journal}
 * contract says. A pooled Redis client may send two commands on two connections, so two appends subscribed in order
 * could otherwise reach Redis out of order (I2). A call that started runs to its end even if its subscriber cancels
 * (an append in flight still lands, as in the file journal), and the next one waits for it. Conversations with
 * nothing queued hold no memory.
 */
final class OrderedCalls {

    private final ConcurrentMap<ConversationId, CompletableFuture<Void>> last = new ConcurrentHashMap<>();

    /** {@code call}, run once the calls subscribed before it for {@code id} are over. */
    <T> Uni<T> submit(ConversationId id, Supplier<Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<T> result = new CompletableFuture<>();
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> before = last.put(id, mine);
            Runnable run = () -> {
                Uni<T> uni;
                try {
                    uni = call.get();
                } catch (RuntimeException e) {
                    done(id, mine);
                    result.completeExceptionally(e);
                    return;
                }
                uni.subscribe().with(item -> {
                    done(id, mine);
                    result.complete(item);
                }, failure -> {
                    done(id, mine);
                    result.completeExceptionally(failure);
                });
            };
            if (before == null) {
                run.run();
            } else {
                before.whenComplete((ignored, failure) -> run.run());
            }
            return Uni.createFrom().completionStage(result);
        });
    }

    /** Conversations with a call queued or running. For tests. */
    int busy() {
        return last.size();
    }

    private void done(ConversationId id, CompletableFuture<Void> mine) {
        last.remove(id, mine);
        mine.complete(null);
    }
}
