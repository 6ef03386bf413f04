package dev.trueline.adapter.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.JournalInvariants;
import dev.trueline.testing.SseEvent;
import dev.trueline.testing.Transcripts;
import dev.trueline.testing.Turns;
import io.vertx.core.json.JsonObject;

/** What every failed turn must look like, whatever the upstream did. */
public final class FailedTurns {

    private FailedTurns() {
    }

    /**
     * The stream ends with an {@code error} event with {@code code}, after exactly {@code partial} as chunks; the
     * journal keeps I1–I3 and ends the turn with one {@code failed} record with that code and message; the transcript
     * shows the partial text marked failed; the message names what to fix and never the key.
     *
     * @return the error message, for further checks
     */
    public static String assertFailed(String cid, List<SseEvent> events, String code, String partial,
            String apiKey) {
        SseEvent last = Turns.last(events);
        assertEquals("error", last.event(), () -> "last event of " + events);
        JsonObject error = last.json();
        assertEquals(code, error.getString("code"), () -> "error event " + error);
        String message = error.getString("message");
        assertFalse(message == null || message.isBlank(), "the error says what happened");
        assertFalse(message.contains(apiKey), () -> "the key leaked into the message: " + message);
        assertEquals(partial, Turns.text(events), "the client got exactly the partial text");

        int turn = error.getInteger("turn");
        JsonObject failed = JournalInvariants.check(JournalFiles.records(cid), turn, Turns.chunkTexts(events));
        assertEquals("failed", failed.getString("type"), () -> "the terminal record of " + JournalFiles.records(cid));
        assertEquals(code, failed.getString("code"));
        assertEquals(message, failed.getString("message"));
        assertEquals(partial, JournalFiles.chunkText(cid, turn), "the journal holds the partial text");

        JsonObject answer = Transcripts.lastMessage(cid);
        assertEquals("assistant", answer.getString("role"));
        assertEquals("failed", answer.getString("status"));
        assertEquals(partial, answer.getString("text"));
        assertEquals(code, answer.getJsonObject("error").getString("code"));
        return message;
    }
}
