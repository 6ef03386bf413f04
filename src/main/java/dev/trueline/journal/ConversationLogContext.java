package dev.trueline.journal;

import org.jboss.logging.MDC;

/**
 * Puts {@code conversation} (and {@code turn}, when the record belongs to one) into the logging MDC while the
 * journal works for a conversation, so a line the journal logs on its own I/O thread (a torn tail cut, say) names
 * the conversation and turn that caused it. Set explicitly because the I/O pool's threads are not Vert.x threads:
 * nothing propagates a caller's MDC to them. The turn's own log lines use it too, for the same reason: its work
 * hops between threads.
 */
public final class ConversationLogContext implements AutoCloseable {

    /** The MDC key naming the conversation. */
    public static final String CONVERSATION = "conversation";
    /** The MDC key naming the turn. */
    public static final String TURN = "turn";

    private final Object previousConversation;
    private final Object previousTurn;

    private ConversationLogContext(ConversationId id, Integer turn) {
        previousConversation = MDC.get(CONVERSATION);
        previousTurn = MDC.get(TURN);
        MDC.put(CONVERSATION, id.value());
        if (turn != null) {
            MDC.put(TURN, turn.toString());
        }
    }

    /** Names conversation {@code id} and the turn {@code record} belongs to (if any) until {@link #close()}. */
    public static ConversationLogContext enter(ConversationId id, JournalRecord record) {
        return new ConversationLogContext(id, turnOf(record));
    }

    /** Names conversation {@code id} and {@code turn} in the MDC until {@link #close()}. */
    public static ConversationLogContext enter(ConversationId id, int turn) {
        return new ConversationLogContext(id, turn);
    }

    @Override
    public void close() {
        restore(CONVERSATION, previousConversation);
        restore(TURN, previousTurn);
    }

    private static Integer turnOf(JournalRecord record) {
        return record instanceof TurnRecord turnRecord ? turnRecord.turn() : null;
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
