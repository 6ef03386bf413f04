package dev.trueline.bench;

import io.vertx.core.json.JsonObject;

/**
 * Trueline's wire protocol v1: a {@code turn} event with id {@code t:0}, chunks with ids {@code t:1..t:n} whose
 * {@code data.seq} agrees, then {@code end} with id {@code t:n} and {@code chunks = n}, or an {@code error} event.
 * A resumed stream ({@link #resumedAfter}) continues after the named chunk, with or without a fresh {@code turn}.
 */
final class TruelineCheck extends CountingCheck {

    private int turn = -1;
    private boolean failed;
    private boolean sawTurnEvent;

    /** @param expectedChunks chunks a complete answer has, or 0 when not known */
    TruelineCheck(int expectedChunks) {
        super(expectedChunks, 0);
    }

    /** A check for the resumed stream of {@code turn} after chunk {@code seq}: the next chunk must be seq + 1. */
    static TruelineCheck resumedAfter(int expectedChunks, int turn, int seq) {
        TruelineCheck check = new TruelineCheck(expectedChunks);
        check.turn = turn;
        check.seq = seq;
        return check;
    }

    @Override
    public boolean accept(String id, String event, String data) {
        if (ended || failed) {
            fault("event " + event + " " + id + " after the end of the stream");
            return false;
        }
        if ("turn".equals(event)) {
            int t = idPart(id, 0);
            if (sawTurnEvent || (turn >= 0 && t != turn)) {
                fault("turn event " + id + " after turn " + turn + " began");
            }
            if (idPart(id, 1) != 0) {
                fault("turn event id " + id + " is not <turn>:0");
            }
            sawTurnEvent = true;
            turn = t;
            return false;
        }
        if (turn < 0) {
            fault("event " + event + " " + id + " before the turn event");
            return false;
        }
        switch (event == null ? "" : event) {
            case "chunk" -> {
                JsonObject json = new JsonObject(data);
                int next = seq + 1;
                if (!(turn + ":" + next).equals(id) || json.getInteger("seq", -1) != next
                        || json.getInteger("turn", -1) != turn) {
                    fault("chunk " + id + " (seq " + json.getValue("seq") + ") where " + turn + ":" + next
                            + " was due");
                }
                counted(next, json.getString("text", ""));
                return true;
            }
            case "end" -> {
                ended = true;
                int n = new JsonObject(data).getInteger("chunks", -1);
                if (!(turn + ":end").equals(id) || n != seq) { // the terminal event's id is <turn>:end
                    fault("end " + id + " with chunks " + n + " after chunk " + turn + ":" + seq);
                }
                if (expectedChunks > 0 && n != expectedChunks) {
                    fault("end after " + n + " chunks, " + expectedChunks + " expected");
                }
            }
            case "error" -> {
                failed = true;
                fault("error event: " + data);
            }
            default -> fault("unknown event " + event);
        }
        return false;
    }

    @Override
    public void bodyEnded() {
        if (!ended && !failed) {
            fault("the stream ended after chunk " + turn + ":" + seq + " without an end event");
        }
    }

    @Override
    public boolean failed() {
        return failed;
    }

    /** The turn of the stream, or -1 before its turn event. */
    int turn() {
        return turn;
    }

    private int idPart(String id, int part) {
        String[] parts = id == null ? new String[0] : id.split(":");
        try {
            return parts.length == 2 ? Integer.parseInt(parts[part]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
