package dev.trueline.journal.file;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the prompt lines of a conversation's recent turns start in its file, so that following or paging through a
 * turn does not scan back for it again. Small and forgetful: it lives only as long as the conversation is held in
 * memory, and a miss costs one backward scan. Used only on the conversation's queue.
 */
final class TurnStarts {

    private static final int KEPT = 8;

    private final Map<Integer, Long> offsets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Long> eldest) {
            return size() > KEPT;
        }
    };

    /** The offset of {@code turn}'s prompt line, or -1 when not known. */
    long get(int turn) {
        Long offset = offsets.get(turn);
        return offset == null ? -1 : offset;
    }

    void put(int turn, long offset) {
        offsets.put(turn, offset);
    }

    /** Forgets every offset: the file was cut or deleted. */
    void clear() {
        offsets.clear();
    }
}
