package dev.trueline.journal.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.JournalRecord;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

/**
 * The live part of one follower of a turn that this process does not write (another replica does, or nobody any
 * more): from the entry after what the follower already read, one cursor, the number of the next entry to read. It
 * reads forward with {@code XRANGE} on the writers' client while whole pages come back; once it read to the end it
 * waits on the conversation's {@link StreamWatch}, the one blocking reader this process holds for that stream, and
 * reads on when the stream went past its cursor. Entries are read only when the follower asks for more, so a slow
 * follower costs a page of memory and reads on from Redis later. A wait that times out checks the turn's writer
 * ({@link #quiet}): a turn whose writer is gone is healed ({@link AbandonedTurns#heal}: its {@code server_stopped} end
 * journaled, unless it has one) and ends after one last read of what was written.
 * <p>
 * With {@code trueline.journal.redis.wait-replicas} set, a follower reads only records the replicas confirmed: each
 * page is cut at the state hash's {@code acked} position ({@link ReplicaWait}), and a follower that has seen more
 * written than confirmed polls for the confirmation every {@link #CONFIRM_POLL} (a confirmation writes no stream
 * entry that the watch could wake up on), so a chunk whose {@code WAIT} failed is not sent by this follower.
 */
final class RedisTurnFollow {

    /** One round: the records to hand on, and whether the follow ends after them. */
    private record Step(List<JournalRecord> records, boolean last) {
    }

    /** How often a follower that saw unconfirmed records looks again: about a replica's round trip. */
    private static final Duration CONFIRM_POLL = Duration.ofMillis(2);

    private final ConversationId id;
    private final int turn;
    private final RedisKeys keys;
    private final RedisCalls writers;
    private final StreamWatches watches;
    private final int page;
    private final TurnCollector collector;
    private final AbandonedTurns abandoned;
    private final boolean confirmedOnly;
    // Touched only by the rounds, which run one after the other.
    private long next;
    private boolean caughtUp;
    /** Records are written past the confirmed position: poll for it instead of waiting on the watch. */
    private boolean unconfirmed;

    /**
     * @param after the position of the last record the follower has
     * @param next the entry to read from: the one after the last entry the follower's reads went through
     * @param confirmedOnly hand on only records the replicas confirmed ({@code wait-replicas} set)
     */
    RedisTurnFollow(ConversationId id, int turn, int after, long next, RedisKeys keys, RedisCalls writers,
            StreamWatches watches, int page, AbandonedTurns abandoned, boolean confirmedOnly) {
        this.id = id;
        this.turn = turn;
        this.keys = keys;
        this.writers = writers;
        this.watches = watches;
        this.page = page;
        this.next = next;
        this.collector = new TurnCollector(turn, after);
        this.abandoned = abandoned;
        this.confirmedOnly = confirmedOnly;
    }

    Multi<JournalRecord> records() {
        return Multi.createBy().repeating().uni(this::round)
                .whilst(step -> !step.last())
                .onItem().transformToIterable(Step::records);
    }

    private Uni<Step> round() {
        if (unconfirmed) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(CONFIRM_POLL).chain(this::range)
                    .chain(entries -> !entries.isEmpty() || !unconfirmed
                            ? Uni.createFrom().item(take(entries, false))
                            : quiet());
        }
        if (!caughtUp) {
            return read(false);
        }
        return watches.after(keys.log(), next - 1).chain(wentOn -> {
            if (wentOn) {
                caughtUp = false;
                return Uni.createFrom().item(new Step(List.of(), false));
            }
            return quiet();
        });
    }

    /**
     * Nothing was written for a block time: is the turn's writer still there? It is gone when nobody holds the
     * conversation for this turn any more (the lease expired, was given back without a terminal record, or names
     * another turn); the follow then ends after one last read of what the writer had written, without a terminal
     * record of its own: {@link AbandonedTurns#heal} journals one first, unless another process is about to. The one place
     * where a follow ends for want of a writer.
     */
    private Uni<Step> quiet() {
        return writerGone().chain(gone -> gone
                // journal its healed end (when nobody did yet), read what is left, then stop; wait on while
                // another process journals that end
                ? abandoned.heal(id, turn).chain(over -> over ? read(true)
                        : Uni.createFrom().item(new Step(List.of(), false)))
                : Uni.createFrom().item(new Step(List.of(), false)));
    }

    /** Reads a page from the cursor on; {@code last}: the follow ends once this read reached the end. */
    private Uni<Step> read(boolean last) {
        return range().map(entries -> take(entries, last && caughtUp && !unconfirmed));
    }

    /** A page from the cursor on, cut at the confirmed position when followers read only confirmed records. */
    private Uni<List<StreamEntries.Entry>> range() {
        return writers.send(Request.cmd(Command.XRANGE).arg(keys.log()).arg(RedisKeys.entryId(next)).arg("+")
                .arg("COUNT").arg(page)).map(StreamEntries::ofRange).chain(entries -> {
                    caughtUp = entries.size() < page;
                    return confirmed(entries);
                });
    }

    /** {@code entries} up to the confirmed position, when followers read only confirmed records; all otherwise. */
    private Uni<List<StreamEntries.Entry>> confirmed(List<StreamEntries.Entry> entries) {
        if (!confirmedOnly || entries.isEmpty()) {
            unconfirmed = false;
            return Uni.createFrom().item(entries);
        }
        return StreamEntries.confirmed(writers, keys.state(), entries).invoke(upTo -> {
            unconfirmed = upTo.size() < entries.size();
        });
    }

    private Step take(List<StreamEntries.Entry> entries, boolean last) {
        List<JournalRecord> records = new ArrayList<>();
        for (StreamEntries.Entry entry : entries) {
            next = entry.n() + 1;
            JournalRecord record = collector.offer(entry.line());
            if (record != null) {
                records.add(record);
            }
            if (collector.ended()) {
                return new Step(records, true);
            }
        }
        return new Step(records, last);
    }

    /** Whether nobody holds the conversation for this turn any more: the lease is gone or someone else's. */
    private Uni<Boolean> writerGone() {
        return writers.send(Request.cmd(Command.GET).arg(keys.lease()))
                .map(holder -> RedisLeases.Holder.parse(holder == null ? null : holder.toString())
                        .map(h -> h.runningTurn().orElse(-1) != turn).orElse(true));
    }
}
