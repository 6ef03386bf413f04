package dev.trueline.journal.noop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationRecord;
import dev.trueline.journal.JournalContents;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.OpenTurn;
import dev.trueline.journal.TerminalRecord;
import dev.trueline.journal.TurnFollow;
import dev.trueline.journal.TurnPage;
import dev.trueline.journal.TurnRecord;
import dev.trueline.journal.TurnTail;
import dev.trueline.journal.UserRecord;

/**
 * What the no-op journal keeps of one conversation: its header and its last turn (prompt, chunks, terminal record),
 * with the live tail of that turn while it runs. A new prompt drops the turn before it. Every method holds this
 * object's lock, the one place the conversation's records go through in order: a record is stored and published to
 * the tail under it, and a follower's page is read and joined to the tail under it, so between the two there is no
 * gap and no repeat (I2), as on the file journal's queue.
 */
final class LastTurn {

    private final ConversationId id;
    private final OpenTurn open;
    private ConversationRecord header;
    /** The last turn's records in position order: the prompt at index 0, chunk {@code seq} at index {@code seq}. */
    private final List<JournalRecord> records = new ArrayList<>();
    private int turn;
    /** The last turn's live end while it runs. */
    private TurnTail tail;

    LastTurn(ConversationId id) {
        this.id = id;
        this.open = new OpenTurn(id);
    }

    /**
     * Stores {@code record} and publishes it to the turn's followers; returns it as accepted (its counts filled in).
     * Throws as {@link OpenTurn#admit} does, for a second header, leaving everything as it was.
     */
    synchronized JournalRecord append(JournalRecord record) {
        JournalRecord accepted = open.admit(record);
        if (accepted instanceof ConversationRecord given) {
            if (header != null) {
                throw new IllegalStateException("the journal of " + id + " has a header already");
            }
            header = given;
            return accepted;
        }
        if (header == null) {
            // as in a file: a conversation begins with a header, one naming nobody when its first record is not one
            header = new ConversationRecord(ConversationRecord.FORMAT_VERSION, id.value(),
                    accepted instanceof UserRecord user ? user.ts() : JournalRecord.now(), null);
        }
        open.written(accepted);
        if (accepted instanceof UserRecord user) {
            records.clear(); // the turn before is dropped: the memory this keeps is one turn's
            turn = user.turn();
            tail = new TurnTail();
        }
        if (!(accepted instanceof TurnRecord inTurn) || inTurn.position() < 0) {
            return accepted; // a departure or a repair: nothing a follower replays, nothing a transcript shows
        }
        records.add(accepted);
        tail.publish(accepted);
        if (accepted instanceof TerminalRecord) {
            tail = null;
        }
        return accepted;
    }

    synchronized Optional<ConversationRecord> header() {
        return Optional.ofNullable(header);
    }

    synchronized JournalContents contents() {
        List<JournalRecord> all = new ArrayList<>(records.size() + 1);
        all.add(header);
        all.addAll(records);
        return new JournalContents(all, List.of());
    }

    synchronized TurnPage page(int of, int after, int limit) {
        if (of != turn || records.isEmpty()) {
            return TurnPage.missing(); // never begun, or dropped when the next turn began
        }
        // I2 puts the prompt at index 0 and chunk seq at index seq; only the terminal record, last, stands further
        int from = after < 0 ? 0 : (int) Math.min((long) after + 1, records.size());
        if (from == records.size() && from > 0 && position(from - 1) > after) {
            from--;
        }
        List<JournalRecord> page = List.copyOf(records.subList(from, (int) Math.min(records.size(), (long) from + limit)));
        boolean ended = !page.isEmpty() && page.get(page.size() - 1) instanceof TerminalRecord;
        return new TurnPage(true, page, ended, -1);
    }

    /** A follower's round: a page, joined to the live tail when it reaches the end of what is stored. */
    synchronized TurnFollow.Read follow(int of, int after, int bound) {
        return TurnFollow.Read.of(page(of, after, bound), after, bound, of == turn ? tail : null);
    }

    /** Records held: what this conversation costs the journal's memory bound. */
    synchronized int size() {
        return records.size() + 1;
    }

    synchronized boolean running() {
        return open.open();
    }

    private int position(int index) {
        return ((TurnRecord) records.get(index)).position();
    }
}
