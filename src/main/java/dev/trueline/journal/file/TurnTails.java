package dev.trueline.journal.file;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.TerminalRecord;
import dev.trueline.journal.TurnRecord;
import dev.trueline.journal.TurnTail;
import dev.trueline.journal.UserRecord;

/**
 * The live ends of the turns running in this process, one {@link TurnTail} each from the moment its prompt counts as
 * written to the moment its terminal record does. Records are handed in by each conversation's queue, in the order
 * they became durable, so every tail sees its turn's records in order.
 */
final class TurnTails {

    private record Key(ConversationId id, int turn) {
    }

    private final ConcurrentMap<Key, TurnTail> tails = new ConcurrentHashMap<>();

    /** The live tail of a running turn, or null when the turn is not running in this process. */
    TurnTail of(ConversationId id, int turn) {
        return tails.get(new Key(id, turn));
    }

    /** {@code record} now counts as written (I1): its turn's followers get it; a prompt opens the tail. */
    void published(ConversationId id, JournalRecord record) {
        if (record instanceof UserRecord user) {
            TurnTail tail = new TurnTail();
            tails.put(new Key(id, user.turn()), tail);
            tail.publish(user);
            return;
        }
        if (!(record instanceof TurnRecord inTurn) || inTurn.position() < 0) {
            return; // a header, a repair, a departure: nothing a follower replays
        }
        Key key = new Key(id, inTurn.turn());
        TurnTail tail = tails.get(key);
        if (tail == null) {
            return;
        }
        tail.publish(record);
        if (record instanceof TerminalRecord) {
            tails.remove(key, tail);
        }
    }

    /** The journal could not write {@code record}: its turn's followers learn it at once instead of waiting. */
    void failed(ConversationId id, JournalRecord record, Throwable failure) {
        if (record instanceof TurnRecord inTurn) {
            TurnTail tail = tails.remove(new Key(id, inTurn.turn()));
            if (tail != null) {
                tail.fail(failure);
            }
        }
    }

    /** Live tails now: each one a turn running in this process. For tests. */
    int size() {
        return tails.size();
    }
}
