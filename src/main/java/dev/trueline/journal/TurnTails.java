package dev.trueline.journal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The live ends of the turns running in this process, one {@link TurnTail} each from the moment its prompt counts as
 * written to the moment its terminal record does (or the backend lets go of the turn first). Records are handed in by
 * each conversation's ordered queue, in the order they became written, so every tail sees its turn's records in
 * order. Shared by the backends that keep their followers on a live tail (the file and Redis journals).
 */
public final class TurnTails {

    private record Key(ConversationId id, int turn) {
    }

    private final ConcurrentMap<Key, TurnTail> tails = new ConcurrentHashMap<>();
    private final int recent;

    /** Tails that keep nothing: a follower joins one at the exact position it published. */
    public TurnTails() {
        this(0);
    }

    /** Tails that each keep their last {@code recent} records ({@link TurnTail#TurnTail(int)}). */
    public TurnTails(int recent) {
        this.recent = recent;
    }

    /** The live tail of a running turn, or null when the turn is not running in this process. */
    public TurnTail of(ConversationId id, int turn) {
        return tails.get(new Key(id, turn));
    }

    /** {@code record} now counts as written (I1): its turn's followers get it; a prompt opens the tail. */
    public void published(ConversationId id, JournalRecord record) {
        if (record instanceof UserRecord user) {
            TurnTail tail = new TurnTail(recent);
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
    public void failed(ConversationId id, JournalRecord record, Throwable failure) {
        if (record instanceof TurnRecord inTurn) {
            TurnTail tail = tails.remove(new Key(id, inTurn.turn()));
            if (tail != null) {
                tail.fail(failure);
            }
        }
    }

    /**
     * This process stops writing turn {@code turn} of {@code id} without its terminal record (its lease was lost or
     * given back): the tail is dropped, and its followers read on from the backend ({@link TurnTail#abandon}).
     */
    public void abandon(ConversationId id, int turn) {
        TurnTail tail = tails.remove(new Key(id, turn));
        if (tail != null) {
            tail.abandon();
        }
    }

    /** Live tails now: each one a turn running in this process. For tests. */
    public int size() {
        return tails.size();
    }
}
