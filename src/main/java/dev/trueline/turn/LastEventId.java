package dev.trueline.turn;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.trueline.problem.ProblemException;

/**
 * A client's {@code Last-Event-ID} for one turn: {@code <turn>:<seq>}, the id of the last event it received (for a
 * Stop, the last chunk its page rendered: the exact count of chunks the person saw, I6), or {@code <turn>:end}, the
 * turn's terminal event.
 *
 * @param seq the seq named (0 for the {@code turn} event), or {@link #NONE} when the client named no event
 * @param end whether the client names the terminal event: it has the whole turn
 */
record LastEventId(int seq, boolean end) {

    /** No Last-Event-ID: the client has seen nothing of the turn, not even its {@code turn} event. */
    static final int NONE = -1;

    private static final Pattern ID = Pattern.compile("(\\d{1,9}):(\\d{1,9}|" + TurnEvent.END + ")");

    /**
     * The id in {@code header} for {@code turn}, or {@link #NONE} when there is none. Refused with 400
     * {@code bad_last_event_id} when it is not {@code <turn>:<seq>} or {@code <turn>:end}, or names another turn.
     */
    static LastEventId of(String header, int turn) {
        if (header == null || header.isBlank()) {
            return new LastEventId(NONE, false);
        }
        Matcher id = ID.matcher(header.strip());
        if (!id.matches()) {
            throw ProblemException.badRequest("bad_last_event_id", "Last-Event-ID must be <turn>:<seq> or "
                    + "<turn>:end, the id of the last event received; got '" + header + "'.");
        }
        if (Integer.parseInt(id.group(1)) != turn) {
            throw ProblemException.badRequest("bad_last_event_id", "Last-Event-ID '" + header
                    + "' names turn " + id.group(1) + ", but this is turn " + turn + ".");
        }
        boolean end = TurnEvent.END.equals(id.group(2));
        return new LastEventId(end ? Integer.MAX_VALUE : Integer.parseInt(id.group(2)), end);
    }

    /**
     * Where a resume starts: the {@code Last-Event-ID} header when there is one (a browser's EventSource sends it
     * when it reconnects, to the same URL, so it wins over the query), else {@code ?after=<seq>}, else the start.
     */
    static LastEventId resumeFrom(String header, Integer after, int turn) {
        if (header != null && !header.isBlank()) {
            return of(header, turn);
        }
        if (after == null) {
            return new LastEventId(NONE, false);
        }
        if (after < 0) {
            throw ProblemException.badRequest("bad_after", "?after must be the seq of a chunk (0 or more); got "
                    + after + ".");
        }
        return new LastEventId(after, false);
    }

    /** The chunks the client proved it saw: none before the turn event. */
    int seen() {
        return Math.max(seq, 0);
    }
}
