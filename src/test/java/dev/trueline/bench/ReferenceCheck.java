package dev.trueline.bench;

import io.vertx.core.json.JsonObject;

/**
 * The reference server's protocol: plain {@code data:} events, no ids, each a chunk whose {@code seq} runs 0..n-1;
 * the answer is complete when the response body ends normally after the expected number of chunks.
 */
final class ReferenceCheck extends CountingCheck {

    /** @param expectedChunks chunks a complete answer has, or 0 when not known */
    ReferenceCheck(int expectedChunks) {
        super(expectedChunks, -1);
    }

    @Override
    public boolean accept(String id, String event, String data) {
        JsonObject json = new JsonObject(data);
        if (!"chunk".equals(json.getString("type"))) {
            fault("not a chunk: " + data);
            return false;
        }
        int next = seq + 1;
        if (json.getInteger("seq", -1) != next) {
            fault("seq " + json.getValue("seq") + " where " + next + " was due");
        }
        counted(next, json.getString("text", ""));
        return true;
    }

    @Override
    public void bodyEnded() {
        ended = true;
        if (expectedChunks > 0 && chunks != expectedChunks) {
            fault("the stream ended after " + chunks + " chunks, " + expectedChunks + " expected");
        }
    }

    @Override
    public boolean failed() {
        return false;
    }

}
