package dev.trueline.journal.redis;

import java.nio.charset.StandardCharsets;

import dev.trueline.journal.DetachedRecord;
import dev.trueline.journal.JournalCodec;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.TerminalRecord;
import dev.trueline.journal.TurnRecord;
import dev.trueline.journal.UserRecord;

/**
 * Picks one turn's records out of the conversation's entries, read forward from the turn's prompt: the records of
 * that turn after a position, in order, never a departure ({@link DetachedRecord}) nor another conversation-level
 * record. The turn is over at its terminal record, or at the next turn's prompt (its writer died without one).
 */
final class TurnCollector {

    private final int turn;
    private int after;
    private boolean ended;

    /** @param after the position to pick records after (-1: the prompt too) */
    TurnCollector(int turn, int after) {
        this.turn = turn;
        this.after = after;
    }

    /** The record of {@code line} if it is the turn's next one, else null; a line that does not parse is skipped. */
    JournalRecord offer(String line) {
        if (ended) {
            return null;
        }
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        JournalRecord record = JournalCodec.decodeLine(bytes, 0, bytes.length);
        if (record instanceof UserRecord user && user.turn() != turn) {
            ended = true; // read forward from its prompt, so a later turn began: this one is over
            return null;
        }
        if (!(record instanceof TurnRecord inTurn) || inTurn.turn() != turn || record instanceof DetachedRecord
                || inTurn.position() <= after) {
            return null;
        }
        after = inTurn.position();
        ended = record instanceof TerminalRecord;
        return record;
    }

    /** Whether the turn is over: nothing after what was offered can belong to it. */
    boolean ended() {
        return ended;
    }

    /** The position of the last record picked (or the one it started after). */
    int position() {
        return after;
    }
}
