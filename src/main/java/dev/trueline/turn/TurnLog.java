package dev.trueline.turn;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.Logger;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationLogContext;

/**
 * A turn's log lines, each written with {@code conversation} and {@code turn} in its MDC (JSON logs show them under
 * {@code mdc}). The two entries are put on each log record itself rather than into the thread's MDC: a turn's work
 * hops between worker threads, event loops and the journal's I/O threads, and on an event loop running outside a
 * request (a model's timer, an HTTP client callback) Quarkus keeps the MDC in a fresh duplicated Vert.x context on
 * every call, so a value put there is gone by the time the line is formatted.
 */
final class TurnLog {

    private final Logger logger;
    private final String conversation;
    private final String turn;

    TurnLog(Class<?> owner, ConversationId id, int turn) {
        this.logger = Logger.getLogger(owner.getName());
        this.conversation = id.value();
        this.turn = Integer.toString(turn);
    }

    void info(String format, Object... params) {
        log(org.jboss.logmanager.Level.INFO, null, format, params);
    }

    void debug(String format, Object... params) {
        log(org.jboss.logmanager.Level.DEBUG, null, format, params);
    }

    void warn(String format, Object... params) {
        log(org.jboss.logmanager.Level.WARN, null, format, params);
    }

    void error(Throwable failure, String format, Object... params) {
        log(org.jboss.logmanager.Level.ERROR, failure, format, params);
    }

    private void log(Level level, Throwable failure, String format, Object[] params) {
        if (!logger.isLoggable(level)) {
            return;
        }
        ExtLogRecord record = new ExtLogRecord(level, format, ExtLogRecord.FormatStyle.PRINTF, TurnLog.class.getName());
        record.setLoggerName(logger.getName());
        record.setParameters(params);
        record.setThrown(failure);
        record.putMdc(ConversationLogContext.CONVERSATION, conversation);
        record.putMdc(ConversationLogContext.TURN, turn);
        logger.logRaw(record);
    }
}
