package dev.trueline.journal.redis;

import java.util.List;
import java.util.Optional;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.TurnFollow;
import dev.trueline.journal.TurnPage;
import dev.trueline.journal.TurnRecord;
import dev.trueline.journal.TurnTail;
import dev.trueline.journal.TurnTails;
import io.smallrye.mutiny.Uni;

/**
 * Where a follower of the Redis journal goes on once its ranged read reached the end of what is written. A turn that
 * runs in this process has a live {@link TurnTail} ({@link TurnTails}), to which each record is published once Redis
 * acknowledged its append (I1), on the conversation's ordered queue: a page read on that same queue joins the tail
 * exactly where it ends, with no gap and no repeat, and the follower never asks Redis again. A turn that runs
 * elsewhere, or nowhere any more, is followed from the stream ({@link RedisTurnFollow}), with the one blocking reader
 * this process keeps for its conversation ({@link StreamWatches}).
 */
final class FollowRounds {

    private final TurnTails tails;
    private final StreamWatches watches;
    private final RedisCalls writers;
    private final int bound;
    private final AbandonedTurns abandoned;
    private final boolean confirmedOnly;

    /** @param bound records a follower reads per round, and may hold buffered on a live tail */
    FollowRounds(TurnTails tails, StreamWatches watches, RedisCalls writers, int bound, AbandonedTurns abandoned,
            boolean confirmedOnly) {
        this.abandoned = abandoned;
        this.confirmedOnly = confirmedOnly;
        this.tails = tails;
        this.watches = watches;
        this.writers = writers;
        this.bound = bound;
    }

    /**
     * A follower that has every record the turn's live tail has published joins it at once, without a read: the
     * tail's own lock makes that exact. Empty when the turn does not run here or the follower is behind its tail.
     */
    Optional<Uni<TurnFollow.Read>> joinNow(ConversationId id, int turn, int after) {
        TurnTail tail = tails.of(id, turn);
        return tail == null ? Optional.empty()
                : tail.attachAt(after, bound).map(live -> Uni.createFrom()
                        .item(new TurnFollow.Read(new TurnPage(true, List.of(), false, -1), live, false)));
    }

    /**
     * The round for {@code page}, read after position {@code after} on the conversation's ordered queue, where this
     * is called too (nothing is published meanwhile): a page that reached the end goes on from the live tail, or,
     * when the turn does not run here, from the stream at the page's cursor.
     */
    TurnFollow.Read round(ConversationId id, RedisKeys keys, int turn, TurnPage page, int after) {
        TurnFollow.Read round = TurnFollow.Read.of(page, after, bound, tails.of(id, turn));
        if (!round.writerGone()) {
            return round;
        }
        List<JournalRecord> records = page.records();
        int end = records.isEmpty() ? after : ((TurnRecord) records.get(records.size() - 1)).position();
        return new TurnFollow.Read(page,
                new RedisTurnFollow(id, turn, end, page.cursor(), keys, writers, watches, bound, abandoned,
                        confirmedOnly)
                        .records(),
                false);
    }
}
