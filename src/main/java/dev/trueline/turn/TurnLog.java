package dev.trueline.turn;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import dev.trueline.journal.ConversationId;

/**
 * A turn's log lines, each written with {@code conversation} and {@code turn} in the MDC (JSON logs show them
 * under {@code mdc}). The MDC is set around each statement rather than trusted to follow the turn: its work hops
 * between a worker thread, event loops and the journal's I/O threads, and only some of those carry a Vert.x
 * context that Quarkus propagates the MDC on.
 */
final class TurnLog {

    static final String CONVERSATION = "conversation";
    static final String TURN = "turn";

    private final Logger log;
    private final String conversation;
    private final String turn;

    TurnLog(Class<?> owner, ConversationId id, int turn) {
        this.log = Logger.getLogger(owner);
        this.conversation = id.value();
        this.turn = Integer.toString(turn);
    }

    void info(String format, Object... params) {
        inContext(() -> log.infof(format, params));
    }

    void debug(String format, Object... params) {
        inContext(() -> log.debugf(format, params));
    }

    void warn(String format, Object... params) {
        inContext(() -> log.warnf(format, params));
    }

    void error(Throwable failure, String format, Object... params) {
        inContext(() -> log.errorf(failure, format, params));
    }

    private void inContext(Runnable statement) {
        Object previousConversation = MDC.get(CONVERSATION);
        Object previousTurn = MDC.get(TURN);
        MDC.put(CONVERSATION, conversation);
        MDC.put(TURN, turn);
        try {
            statement.run();
        } finally {
            restore(CONVERSATION, previousConversation);
            restore(TURN, previousTurn);
        }
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
