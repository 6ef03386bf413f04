package dev.trueline.journal.redis;

import java.time.Duration;
import java.util.List;

import org.jboss.logging.Logger;

import dev.trueline.journal.AbortedRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.LeasePurpose;
import io.smallrye.mutiny.Uni;

/**
 * Heals the turn of a writer that died: its lease expired with the turn still open in the conversation's state, so
 * nobody would ever journal the turn's terminal record. Another process journals it for the dead one, as
 * {@code aborted}/{@code server_stopped} with {@code delivered} and {@code journaled} both the chunks written (what a
 * transcript shows of a turn whose process died, I4; the journal cannot know what the dead process's clients
 * rendered, I6), so that followers end with it (I3). Always fenced: the healer holds the conversation's lease, a new
 * epoch, before it appends, so a writer that comes back from a pause can append nothing after the healed end.
 * <p>
 * Two occasions: a follower finds the writer gone ({@link #heal}: it takes a lease of its own, naming the turn so that
 * other followers wait for the end, and gives it back), and a new turn's lease finds the last turn open
 * ({@link #closeFor}: under that new lease, before its prompt).
 */
final class AbandonedTurns {

    private static final Logger LOG = Logger.getLogger(AbandonedTurns.class);
    private static final LuaScript TAKE = LuaScript.load("heal-take.lua");

    private final RedisJournal journal;
    private final RedisCalls redis;
    private final String prefix;
    private final Duration leaseTime;

    AbandonedTurns(RedisJournal journal, RedisCalls redis, String prefix, Duration leaseTime) {
        this.journal = journal;
        this.redis = redis;
        this.prefix = prefix;
        this.leaseTime = leaseTime;
    }

    /**
     * For a follower that found the writer of turn {@code turn} of {@code id} gone: journals the turn's healed end if
     * it is still open and nobody holds the lease. True when the turn is over in the journal now (this call healed
     * it, or it had its end), so the follower reads what is left and ends; false when the turn is open and somebody
     * holds the lease (another healer, or a new turn, about to journal its end), so the follower waits for that end.
     * Never fails: a healing that could not finish answers true, the follower ends as for a dead writer, and the
     * next follower or turn heals it (a lease this call took expires).
     */
    Uni<Boolean> heal(ConversationId id, int turn) {
        RedisKeys keys = RedisKeys.of(prefix, id);
        return redis.run(TAKE, List.of(keys.lease(), keys.epoch(), keys.state()),
                List.of(Integer.toString(turn), Long.toString(leaseTime.toMillis())))
                .chain(reply -> {
                    String status = reply.get(0).toString();
                    if (!"OK".equals(status)) {
                        return Uni.createFrom().item(!"BUSY".equals(status));
                    }
                    long epoch = reply.get(1).toLong();
                    return serverStopped(id, turn, reply.get(2).toInteger(), epoch)
                            .eventually(() -> journal.release(id, epoch).onFailure().recoverWithNull())
                            .replaceWith(true);
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("turn %d of %s not healed, left for the next follower or turn: %s", turn, id,
                            failure.getMessage());
                    return true;
                });
    }

    /**
     * Under the lease {@code taken} just now for a turn: journals the healed end of the turn the state still has open,
     * if any, before the new turn's prompt. On failure the lease is given back and the failure passed on.
     */
    Uni<Void> closeFor(ConversationId id, LeasePurpose purpose, RedisLeases.Taken taken) {
        if (purpose != LeasePurpose.TURN || taken.openTurn() == 0) {
            return Uni.createFrom().voidItem();
        }
        return serverStopped(id, taken.openTurn(), taken.chunks(), taken.epoch())
                .onFailure().call(() -> journal.release(id, taken.epoch()).onFailure().recoverWithNull());
    }

    private Uni<Void> serverStopped(ConversationId id, int turn, int chunks, long epoch) {
        return journal.append(id, new AbortedRecord(turn, JournalRecord.now(), chunks, chunks,
                AbortedRecord.SERVER_STOPPED), epoch)
                .invoke(() -> LOG.warnf("turn %d of %s: its writer is gone (lease expired); journaled its end, "
                        + "aborted/server_stopped after %d chunks", turn, id, chunks));
    }
}
