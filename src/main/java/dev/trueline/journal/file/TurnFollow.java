package dev.trueline.journal.file;

import java.util.List;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.TurnPage;
import dev.trueline.journal.TurnRecord;
import dev.trueline.journal.UnknownTurnException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureFailure;

/**
 * One follower of one turn in the file journal: reads the turn from the file page by page and, with the page that
 * reaches the end of what is written, joins the turn's live {@link TurnTail} at that very position. Both happen in
 * one task on the conversation's queue, the queue that also publishes each record as it becomes written: between
 * the file and the tail there is no gap and no repeat, by construction, not by timing. A follower that falls a
 * buffer's length behind the tail is failed by its {@link TailBuffer} and starts over from the file at the last
 * record it handed on. A turn with no live tail and no terminal record (its process died) ends after its last
 * journaled record.
 */
final class TurnFollow {

    /** One page of the turn read on the conversation's queue, and, when it reached the end, where it goes on. */
    record Read(TurnPage page, Multi<JournalRecord> live, boolean writerGone) {
    }

    /** Reads a page after a position; when it reaches the end of the written records, attaches to the live tail. */
    @FunctionalInterface
    interface Pages {
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
    TurnFollow(ConversationId id, int turn, int after, Pages pages) {
        this.id = id;
        this.turn = turn;
        this.pages = pages;
        this.emitted = after;
    }

    Multi<JournalRecord> records() {
        return Multi.createFrom().deferred(this::fromLastHandedOn)
                .onItem().invoke(record -> emitted = ((TurnRecord) record).position())
                // fell a buffer behind the live tail: catch up from the file, from the last record handed on
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
        // over in the file, or written to the end by nobody (its process died): either way this is all of it
        return new Step(fromFile, page.ended() || round.writerGone());
    }
}
