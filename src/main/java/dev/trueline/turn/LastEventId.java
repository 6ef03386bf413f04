package dev.trueline.turn;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.trueline.problem.ProblemException;

/**
 * A client's {@code Last-Event-ID}, {@code <turn>:<seq>}: the id of the last event its page rendered. For a stop
 * it is the exact count of chunks the person saw (I6).
 */
final class LastEventId {

    private static final Pattern ID = Pattern.compile("(\\d{1,9}):(\\d{1,9})");

    private LastEventId() {
    }

    /**
     * The seq the header names for {@code turn}; 0 when there is none (nothing rendered yet). Refused with 400
     * {@code bad_last_event_id} when it is not {@code <turn>:<seq>} or names another turn.
     */
    static int seenOf(String header, int turn) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        Matcher id = ID.matcher(header.strip());
        if (!id.matches()) {
            throw ProblemException.badRequest("bad_last_event_id",
                    "Last-Event-ID must be <turn>:<seq>, the id of the last event rendered; got '" + header + "'.");
        }
        if (Integer.parseInt(id.group(1)) != turn) {
            throw ProblemException.badRequest("bad_last_event_id", "Last-Event-ID '" + header
                    + "' names turn " + id.group(1) + ", but turn " + turn + " is being stopped.");
        }
        return Integer.parseInt(id.group(2));
    }
}
