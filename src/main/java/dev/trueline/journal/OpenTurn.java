package dev.trueline.journal;

/**
 * A conversation's writer's view of its open turn, where I2 and I3 are enforced for every backend: which turn the
 * last prompt opened, whether its terminal record was written yet, and how many of its chunks were. A backend asks
 * {@link #admit} before it stores a record and tells {@link #written} once it did, so this reflects what really was
 * stored. Not thread-safe: each backend calls it from the one place a conversation's records go through in order.
 */
public final class OpenTurn {

    private final ConversationId id;
    /** The turn whose prompt was written last; chunks and departures of it are accepted while it is open. */
    private int turn = -1;
    /** Whether {@link #turn} is still open: no terminal record of it was written yet. */
    private boolean open;
    private int chunks;

    public OpenTurn(ConversationId id) {
        this.id = id;
    }

    /**
     * {@code record} as the writer accepts it: for an {@link Accounted} terminal record, with {@code journaled} filled
     * in. Throws {@link ChunkOutOfSequenceException} for a chunk that does not continue the open turn (I2), and
     * {@link TurnClosedException} for a chunk, departure or terminal record of a turn that is not open (I3).
     */
    public JournalRecord admit(JournalRecord record) {
        if (record instanceof ChunkRecord chunk) {
            requireOpen(chunk.turn(), "chunk " + chunk.seq());
            if (chunk.seq() != chunks + 1) {
                throw new ChunkOutOfSequenceException("chunk " + chunk.seq() + " of turn " + chunk.turn() + " of " + id
                        + " out of sequence: expected " + (chunks + 1));
            }
        } else if (record instanceof DetachedRecord detached) {
            requireOpen(detached.turn(), "a departure");
        } else if (record instanceof TerminalRecord terminal) {
            requireOpen(terminal.turn(), "a terminal record");
            if (terminal instanceof Accounted<?> accounted) {
                return accounted.withJournaled(chunks);
            }
        }
        return record;
    }

    /** {@code record}, as {@link #admit} returned it, was stored: a prompt opens its turn, a terminal record closes it. */
    public void written(JournalRecord record) {
        if (record instanceof UserRecord user) {
            turn = user.turn();
            chunks = 0;
            open = true;
        } else if (record instanceof ChunkRecord) {
            chunks++;
        } else if (record instanceof TerminalRecord) {
            open = false;
        }
    }

    /** Whether a turn is open: its prompt was written and its terminal record not yet. */
    public boolean open() {
        return open;
    }

    /** Forgets the open turn: the conversation's records are gone (deleted). */
    public void reset() {
        turn = -1;
        open = false;
        chunks = 0;
    }

    private void requireOpen(int of, String what) {
        if (!open || of != turn) {
            throw new TurnClosedException(what + " of turn " + of + " of " + id + ": that turn is not open");
        }
    }
}
