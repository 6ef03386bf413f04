package dev.trueline.journal.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.UnknownTurnException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;

/**
 * One follower of one turn: one cursor, the id of the last entry it read, for both replay and live. It reads the
 * stream forward from the turn's prompt with {@code XRANGE} on the writers' client while whole pages come back; once
 * caught up it waits with {@code XREAD BLOCK} from that same id (never from {@code $}, so nothing written in between
 * is missed) on the followers' own client, whose pool the writers never wait for. Entries are read only when the
 * follower asks for more, so a slow follower costs a page of memory and reads on from Redis later. A blocking read
 * that times out checks the lease: a turn whose writer is gone (its lease expired or names another turn) ends after
 * one last read of what it had written.
 * <p>
 * With {@code trueline.journal.redis.wait-replicas} set, a follower reads only records the replicas confirmed: each
 * page is cut at the state hash's {@code acked} position ({@link ReplicaWait}), and a follower that has seen more
 * written than confirmed polls for the confirmation every {@link #CONFIRM_POLL} (a confirmation writes no stream
 * entry that {@code XREAD} could wake up on), so a chunk whose {@code WAIT} failed is never sent by any follower.
 * <p>
 * This first version gives each follower its own blocking reads; the design of issue #11, one blocking reader per
 * conversation per process fanned out locally, is for later.
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
    private final RedisCalls followers;
    private final int page;
    private final Duration block;
    private final TurnCollector collector;
    private final boolean confirmedOnly;
    // Touched only by the rounds, which run one after the other.
    private long next = -1;
    private boolean caughtUp;
    /** Records are written past the confirmed position: poll for it instead of blocking. */
    private boolean unconfirmed;

    RedisTurnFollow(ConversationId id, int turn, int after, RedisKeys keys, RedisCalls writers, RedisCalls followers,
            int page, Duration block, boolean confirmedOnly) {
        this.id = id;
        this.turn = turn;
        this.keys = keys;
        this.writers = writers;
        this.followers = followers;
        this.page = page;
        this.block = block;
        this.collector = new TurnCollector(turn, after);
        this.confirmedOnly = confirmedOnly;
    }

    Multi<JournalRecord> records() {
        return Multi.createBy().repeating().uni(this::round)
                .whilst(step -> !step.last())
                .onItem().transformToIterable(Step::records);
    }

    private Uni<Step> round() {
        if (next < 0) {
            return writers.send(Request.cmd(Command.HGET).arg(keys.state()).arg("p:" + turn)).map(start -> {
                if (start == null) {
                    throw new UnknownTurnException(id, turn);
                }
                next = start.toLong();
                return new Step(List.of(), false);
            });
        }
        if (unconfirmed) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(CONFIRM_POLL).chain(this::range)
                    .chain(entries -> !entries.isEmpty() || !unconfirmed
                            ? Uni.createFrom().item(take(entries, false))
                            // a writer that is gone confirms nothing more: what it left unconfirmed is never sent
                            : writerGone().map(gone -> new Step(List.of(), gone)));
        }
        if (!caughtUp) {
            return range().map(entries -> {
                caughtUp = entries.size() < page;
                return take(entries, false);
            });
        }
        Request read = Request.cmd(Command.XREAD).arg("COUNT").arg(page).arg("BLOCK").arg(block.toMillis())
                .arg("STREAMS").arg(keys.log()).arg(RedisKeys.entryId(next - 1));
        return followers.send(read).chain(reply -> confirmed(StreamEntries.ofRead(reply, keys.log()))).chain(entries -> {
            if (!entries.isEmpty() || unconfirmed) {
                return Uni.createFrom().item(take(entries, false));
            }
            return writerGone().chain(gone -> gone
                    // the writer may have written its last records just before it went: read them, then stop
                    ? range().map(last -> {
                        caughtUp = last.size() < page;
                        return take(last, caughtUp);
                    })
                    : Uni.createFrom().item(new Step(List.of(), false)));
        });
    }

    private Uni<List<StreamEntries.Entry>> range() {
        return writers.send(Request.cmd(Command.XRANGE).arg(keys.log()).arg(RedisKeys.entryId(next)).arg("+")
                .arg("COUNT").arg(page)).map(StreamEntries::ofRange).chain(this::confirmed);
    }

    /** {@code entries} up to the confirmed position, when followers read only confirmed records; all otherwise. */
    private Uni<List<StreamEntries.Entry>> confirmed(List<StreamEntries.Entry> entries) {
        if (!confirmedOnly || entries.isEmpty()) {
            unconfirmed = false;
            return Uni.createFrom().item(entries);
        }
        return writers.send(Request.cmd(Command.HGET).arg(keys.state()).arg("acked")).map(reply -> {
            long acked = reply == null ? 0 : reply.toLong();
            List<StreamEntries.Entry> upTo = entries.stream().filter(e -> e.n() <= acked).toList();
            unconfirmed = upTo.size() < entries.size();
            return upTo;
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
