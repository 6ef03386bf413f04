package dev.trueline.journal;

import org.jboss.logging.MDC;

/**
 * Puts {@code conversation} (and {@code turn}, when the record belongs to one) into the logging MDC while the
 * journal works for a conversation, so a line the journal logs on its own I/O thread (a torn tail cut, say) names
 * the conversation and turn that caused it. Set explicitly because the I/O pool's threads are not Vert.x threads:
 * nothing propagates a caller's MDC to them. The keys match the turn's own log lines ({@code dev.trueline.turn}).
 */
final class JournalLogContext implements AutoCloseable {

    static final String CONVERSATION = "conversation";
    static final String TURN = "turn";

    private final Object previousConversation;
    private final Object previousTurn;

    private JournalLogContext(ConversationId id, Integer turn) {
        previousConversation = MDC.get(CONVERSATION);
        previousTurn = MDC.get(TURN);
        MDC.put(CONVERSATION, id.value());
        if (turn != null) {
            MDC.put(TURN, turn.toString());
        }
    }

    static JournalLogContext enter(ConversationId id, JournalRecord record) {
        return new JournalLogContext(id, turnOf(record));
    }

    @Override
    public void close() {
        restore(CONVERSATION, previousConversation);
        restore(TURN, previousTurn);
    }

    private static Integer turnOf(JournalRecord record) {
        if (record instanceof UserRecord user) {
            return user.turn();
        }
        if (record instanceof ChunkRecord chunk) {
            return chunk.turn();
        }
        if (record instanceof TerminalRecord terminal) {
            return terminal.turn();
        }
        return null;
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
