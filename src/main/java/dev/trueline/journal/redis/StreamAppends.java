package dev.trueline.journal.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.JournalUnavailableException;
import dev.trueline.journal.LeaseLostException;
import dev.trueline.journal.TurnRecord;
import dev.trueline.journal.TurnTails;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The appends of the Redis journal, on the conversation's queue ({@link OrderedCalls}): the records a conversation
 * queues while its last call is in flight are appended in the next call, in one run of the append script
 * ({@code append.lua}), not one round trip each. A streaming turn whose chunks come faster than Redis answers one
 * would otherwise build a queue that only grows: under CPU load a chunk waited for every chunk before it, one round
 * trip each, and a stop or a follower's read waited behind them all.
 * <p>
 * The script writes the records in order, each checked as if appended alone (its writer's fencing epoch, I2, I3),
 * and stops at the first one refused: that one is answered (or sent again, counted or indexed as the script said),
 * then the records after it go in a call of their own, in order, as if they had come after it. Each record written
 * is handed to this process's followers before the next call of the conversation runs (I1: only once Redis, and with
 * {@code wait-replicas} its replicas, acknowledged the call that wrote it).
 */
final class StreamAppends {

    /** Tries of one record that the script asks to send again (re-counted, or once its conversation is indexed). */
    private static final int TRIES = 3;

    private final OrderedCalls ordered;
    private final ReplicaWait replicas;
    private final Retention retention;
    private final TurnTails tails;
    private final Function<ConversationId, RedisKeys> keys;
    private final Function<ConversationId, Uni<Void>> index;
    private final LuaScript script;

    /**
     * @param keys the keys of a conversation
     * @param index puts a conversation in the index, which no script may touch (it is in no conversation's slot)
     */
    StreamAppends(OrderedCalls ordered, ReplicaWait replicas, Retention retention, TurnTails tails,
            Function<ConversationId, RedisKeys> keys, Function<ConversationId, Uni<Void>> index, LuaScript script) {
        this.ordered = ordered;
        this.replicas = replicas;
        this.retention = retention;
        this.tails = tails;
        this.keys = keys;
        this.index = index;
        this.script = script;
    }

    /** Appends {@code append}'s record after every call subscribed before; completes with the record as written. */
    Uni<JournalRecord> append(ConversationId id, RecordAppend append) {
        return Uni.createFrom().deferred(() -> {
            Pending pending = new Pending(append);
            ordered.join(id, pending, queued -> write(id, queued, -1, false, TRIES));
            return Uni.createFrom().completionStage(pending.written);
        });
    }

    /** A record waiting for its call, and its caller. */
    private static final class Pending {

        final RecordAppend append;
        final CompletableFuture<JournalRecord> written = new CompletableFuture<>();

        Pending(RecordAppend append) {
            this.append = append;
        }
    }

    /**
     * Writes {@code queued} in order; completes once each is answered. {@code journaled} and {@code tries} are the
     * first record's: its count as the script last said (-1: not known yet) and the tries it has left.
     */
    private Uni<Void> write(ConversationId id, List<Pending> queued, int journaled, boolean indexed, int tries) {
        if (queued.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        RedisKeys of = keys.apply(id);
        List<String> args = new ArrayList<>(3 + 6 * queued.size());
        args.add(queued.get(0).append.headerLine());
        args.add(indexed ? "1" : "0");
        args.add(retention.arg());
        for (int i = 0; i < queued.size(); i++) {
            queued.get(i).append.addArgs(args, i == 0 ? journaled : -1);
        }
        return retention.active(id, replicas.append(script, List.of(of.log(), of.state(), of.lease(), of.epoch()),
                args))
                .onFailure().invoke(failure -> queued.forEach(p -> failed(id, p, failure)))
                .onFailure().recoverWithNull()
                .chain(replies -> replies == null ? Uni.createFrom().voidItem()
                        : answered(id, queued, replies, journaled, indexed, tries));
    }

    /** Hands each record written on and completes it; then deals with the one refused, if any, and those after it. */
    private Uni<Void> answered(ConversationId id, List<Pending> queued, Response replies, int journaled,
            boolean indexed, int tries) {
        int n = replies.size();
        for (int i = 0; i < n; i++) {
            Pending pending = queued.get(i);
            RecordAppend.Outcome outcome;
            try {
                outcome = pending.append.outcome(replies.get(i));
            } catch (RuntimeException refused) {
                failed(id, pending, refused);
                return write(id, queued.subList(i + 1, queued.size()), -1, indexed, TRIES);
            }
            if (outcome instanceof RecordAppend.Written) {
                // I1: Redis acknowledged the XADD (and the replicas, with wait-replicas)
                JournalRecord written = pending.append.written(i == 0 ? journaled : -1);
                tails.published(id, written);
                pending.written.complete(written);
                continue;
            }
            List<Pending> rest = queued.subList(i, queued.size());
            int left = i == 0 ? tries : TRIES;
            if (left == 0) {
                failed(id, pending, new IllegalStateException("append to " + id + " kept being retried: " + outcome));
                return write(id, rest.subList(1, rest.size()), -1, indexed, TRIES);
            }
            if (outcome instanceof RecordAppend.Recount recount) {
                return write(id, rest, recount.written(), indexed, left - 1);
            }
            // a new conversation joins the index before its first entry: the index may name one whose first append
            // then failed (readers find nothing there), never miss one that exists
            int counted = i == 0 ? journaled : -1;
            return index.apply(id).chain(() -> write(id, rest, counted, true, left - 1));
        }
        // every reply was a write: the script looked at them all (were it ever to stop short, the rest go again)
        return write(id, queued.subList(n, queued.size()), -1, indexed, TRIES);
    }

    private void failed(ConversationId id, Pending pending, Throwable failure) {
        JournalRecord record = pending.append.record();
        if (failure instanceof JournalUnavailableException) {
            tails.failed(id, record, failure); // its followers would wait in vain
        } else if (failure instanceof LeaseLostException && record instanceof TurnRecord inTurn) {
            tails.abandon(id, inTurn.turn()); // the lease no longer lets this process write the turn
        }
        pending.written.completeExceptionally(failure);
    }
}
