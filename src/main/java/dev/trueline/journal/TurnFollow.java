package dev.trueline.journal;

import java.util.List;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureFailure;

/**
 * One follower of one turn, for any backend: reads the turn from the backend page by page and, with the page that
 * reaches the end of what is written, joins the turn's live {@link TurnTail} at that very position. The backend does
 * both in one step that nothing is published during (the file journal: one task on the conversation's queue, the
 * queue that also publishes each record as it becomes written; see {@link Read#of}): between the stored records and
 * the tail there is no gap and no repeat, by construction, not by timing. A follower that falls a buffer's length
 * behind the tail is failed by its {@link TailBuffer} and starts over from the backend at the last record it handed
 * on. A turn with no live tail and no terminal record (its process died) ends after its last journaled record.
 */
public final class TurnFollow {

    /** One page of the turn, and, when it reached the end of what is written, where it goes on. */
    public record Read(TurnPage page, Multi<JournalRecord> live, boolean writerGone) {

        /**
         * The round for {@code page}, read after position {@code after} in pages of {@code bound} records: when the
         * page reaches the end of what is written, it goes on live from the turn's {@code tail} (null when the turn
         * does not run in this process: its writer is gone). Call it where nothing is published meanwhile (the
         * conversation's queue, or its lock), so the tail is exactly where the page ends (I2: no gap, no repeat at the
         * seam); a tail that moved on anyway is not joined, and the next round reads on.
         */
        public static Read of(TurnPage page, int after, int bound, TurnTail tail) {
            if (!page.found() || page.ended() || page.records().size() == bound) {
                return new Read(page, null, false);
            }
            int end = page.records().isEmpty() ? after
                    : ((TurnRecord) page.records().get(page.records().size() - 1)).position();
            return tail == null ? new Read(page, null, true)
                    : new Read(page, tail.attachAt(end, bound).orElse(null), false);
        }
    }

    /** Reads a page after a position; when it reaches the end of the written records, attaches to the live tail. */
    @FunctionalInterface
    public interface Pages {
        Uni<Read> read(int after, long cursor);
    }

    /** One round of the follow: records to hand on, and whether the follow ends after them. */
    private record Step(Multi<JournalRecord> records, boolean last) {
    }

    private final ConversationId id;
    private final int turn;
    private final Pages pages;
    /** The position of the last record handed on: where a restarted follow goes on from. */
    private volatile int emitted;
    // Touched only by the rounds, which run one after the other.
    private int read;
    private long cursor;
    private boolean found;

    /** @param after the position to follow from (-1: the whole turn, its prompt included) */
    public TurnFollow(ConversationId id, int turn, int after, Pages pages) {
        this.id = id;
        this.turn = turn;
        this.pages = pages;
        this.emitted = after;
    }

    public Multi<JournalRecord> records() {
        return Multi.createFrom().deferred(this::fromLastHandedOn)
                .onItem().invoke(record -> emitted = ((TurnRecord) record).position())
                // fell a buffer behind the live tail: catch up from the backend, from the last record handed on
                .onFailure(BackPressureFailure.class).retry().indefinitely();
    }

    private Multi<JournalRecord> fromLastHandedOn() {
        read = emitted;
        cursor = -1;
        return Multi.createBy().repeating().uni(() -> pages.read(read, cursor).map(this::next))
                .whilst(step -> !step.last())
                .onItem().transformToMultiAndConcatenate(Step::records);
    }

    private Step next(Read round) {
        TurnPage page = round.page();
        if (!page.found()) {
            if (!found) {
                throw new UnknownTurnException(id, turn);
            }
            return new Step(Multi.createFrom().empty(), true); // deleted meanwhile: nothing more to follow
        }
        found = true;
        cursor = page.cursor();
        List<JournalRecord> records = page.records();
        if (!records.isEmpty()) {
            read = ((TurnRecord) records.get(records.size() - 1)).position();
        }
        Multi<JournalRecord> fromFile = Multi.createFrom().iterable(records);
        if (round.live() != null) {
            return new Step(Multi.createBy().concatenating().streams(fromFile, round.live()), true);
        }
        // over in the backend, or written to the end by nobody (its process died): either way this is all of it
        return new Step(fromFile, page.ended() || round.writerGone());
    }
}
