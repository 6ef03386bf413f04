package dev.trueline.journal.noop;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.trueline.journal.ConversationId;

/**
 * The no-op journal's memory bound. A benchmark starts a new conversation for every turn, so keeping each one's last
 * turn would still grow without end: the conversations with no turn running are kept here in the order their last
 * turn ended, with the records each holds, and once they hold more than {@code maxRecords} together the oldest are
 * to be forgotten. The newest always stays, however large, so the follower of a turn that just ended can still
 * read it.
 */
final class Retention {

    private final long maxRecords;
    private final LinkedHashMap<ConversationId, Integer> idle = new LinkedHashMap<>();
    private long records;

    Retention(long maxRecords) {
        this.maxRecords = maxRecords;
    }

    /** {@code id} has no turn running and holds {@code held} records; returns the conversations to forget now. */
    synchronized List<ConversationId> idle(ConversationId id, int held) {
        running(id);
        idle.put(id, held);
        records += held;
        List<ConversationId> over = new ArrayList<>();
        Iterator<Map.Entry<ConversationId, Integer>> oldest = idle.entrySet().iterator();
        while (records > maxRecords && idle.size() > 1) {
            Map.Entry<ConversationId, Integer> e = oldest.next();
            over.add(e.getKey());
            records -= e.getValue();
            oldest.remove();
        }
        return over;
    }

    /** {@code id} runs a turn again, was deleted or forgotten: it is not counted here any more. */
    synchronized void running(ConversationId id) {
        Integer held = idle.remove(id);
        if (held != null) {
            records -= held;
        }
    }

    /** Records the idle conversations hold together. For tests. */
    synchronized long records() {
        return records;
    }
}
