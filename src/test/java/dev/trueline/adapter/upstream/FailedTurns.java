package dev.trueline.adapter.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.vertx.core.json.JsonObject;

/** What every failed turn must look like, whatever the upstream did. */
public final class FailedTurns {

    private FailedTurns() {
    }

    /**
     * The stream ends with an {@code error} event with {@code code}, after exactly {@code partial} as chunks; the
     * journal has one {@code failed} record with that code; the transcript shows the partial text marked failed;
     * the message names what to fix and never the key.
     *
     * @return the error message, for further checks
     */
    public static String assertFailed(String cid, List<TurnClient.Event> events, String code, String partial,
            String apiKey) {
        TurnClient.Event last = TurnClient.last(events);
        assertEquals("error", last.name(), () -> "last event of " + events);
        assertEquals(code, last.data().getString("code"), () -> "error event " + last.data());
        String message = last.data().getString("message");
        assertFalse(message == null || message.isBlank(), "the error says what happened");
        assertFalse(message.contains(apiKey), () -> "the key leaked into the message: " + message);
        assertEquals(partial, TurnClient.text(events), "the client got exactly the partial text");

        int turn = last.data().getInteger("turn");
        List<JsonObject> failed = TurnClient.records(cid, "failed").stream()
                .filter(r -> r.getInteger("turn") == turn).toList();
        assertEquals(1, failed.size(), () -> "one failed record in " + TurnClient.journal(cid));
        assertEquals(code, failed.get(0).getString("code"));
        assertEquals(message, failed.get(0).getString("message"));
        assertEquals(partial, TurnClient.journaledText(cid, turn), "the journal holds the partial text");
        assertTrue(TurnClient.records(cid, "end").stream().noneMatch(r -> r.getInteger("turn") == turn));

        JsonObject answer = TurnClient.lastMessage(cid);
        assertEquals("assistant", answer.getString("role"));
        assertEquals("failed", answer.getString("status"));
        assertEquals(partial, answer.getString("text"));
        assertEquals(code, answer.getJsonObject("error").getString("code"));
        return message;
    }
}
