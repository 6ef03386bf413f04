package dev.trueline.turn;

import org.jboss.logging.Logger;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationLogContext;

/**
 * A turn's log lines, each written with {@code conversation} and {@code turn} in the MDC (JSON logs show them
 * under {@code mdc}). The MDC is set around each statement rather than trusted to follow the turn: its work hops
 * between a worker thread, event loops and the journal's I/O threads, and only some of those carry a Vert.x
 * context that Quarkus propagates the MDC on.
 */
final class TurnLog {

    private final Logger log;
    private final ConversationId id;
    private final int turn;

    TurnLog(Class<?> owner, ConversationId id, int turn) {
        this.log = Logger.getLogger(owner);
        this.id = id;
        this.turn = turn;
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
        try (ConversationLogContext ignored = ConversationLogContext.enter(id, turn)) {
            statement.run();
        }
    }
}
