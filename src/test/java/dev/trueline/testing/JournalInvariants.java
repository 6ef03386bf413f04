package dev.trueline.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import io.vertx.core.json.JsonObject;

/**
 * Checks I1–I3 on one conversation's journal against what its one client received, or I1–I2 on a turn whose
 * process was killed.
 */
public final class JournalInvariants {

    private static final Set<String> TERMINAL = Set.of("end", "aborted", "failed");

    private JournalInvariants() {
    }

    /**
     * @param received the chunk texts the client received, in order
     * @return the terminal record of the turn
     */
    public static JsonObject check(List<JsonObject> records, int turn, List<String> received) {
        JsonObject terminal = null;
        int expectedSeq = 1;
        StringBuilder journaledText = new StringBuilder();
        for (JsonObject r : records) {
            if (r.getInteger("turn", -1) != turn) {
                continue;
            }
            String type = r.getString("type");
            if ("chunk".equals(type)) {
                assertTrue(terminal == null, "I3: chunk after the terminal record: " + r);
                assertEquals(expectedSeq, r.getInteger("seq"), "I2: chunk seq must run 1..n: " + r);
                expectedSeq++;
                if (expectedSeq - 2 < received.size()) {
                    assertEquals(received.get(expectedSeq - 2), r.getString("text"),
                            "I1: the client received a chunk the journal does not hold");
                }
                journaledText.append(r.getString("text"));
            } else if (TERMINAL.contains(type)) {
                assertTrue(terminal == null, "I3: a second terminal record: " + r);
                terminal = r;
            }
        }
        int journaled = expectedSeq - 1;
        assertTrue(terminal != null, "I3: turn " + turn + " has no terminal record");
        assertTrue(received.size() <= journaled, "I1: client received " + received.size()
                + " chunks but only " + journaled + " are journaled");
        if (!"end".equals(terminal.getString("type"))) {
            int delivered = terminal.getInteger("delivered");
            assertEquals(journaled, terminal.getInteger("journaled"), "I3: 'journaled' must count the chunks");
            assertTrue(delivered <= journaled, "I3: delivered " + delivered + " > journaled " + journaled);
            assertTrue(received.size() <= delivered, "I6: client received " + received.size()
                    + " chunks but delivered says " + delivered);
        } else {
            // a client may leave after the server wrote its last event: it then read fewer than were delivered
            assertEquals(journaled, terminal.getInteger("chunks"), "end.chunks must count the chunks");
        }
        return terminal;
    }

    /**
     * Checks I1 and I2 on a turn the process died in (SIGKILL): every chunk the client received is journaled, in
     * order, as the prefix of chunks 1..n, and there is no terminal record (nobody was left to write it).
     *
     * @param received the chunk texts the client received, in order
     * @return how many chunks the journal holds for the turn
     */
    public static int checkUnterminated(List<JsonObject> records, int turn, List<String> received) {
        List<JsonObject> ofTurn = records.stream().filter(r -> r.getInteger("turn", -1) == turn).toList();
        assertTrue(ofTurn.stream().noneMatch(r -> TERMINAL.contains(r.getString("type"))),
                "a killed turn has a terminal record: " + ofTurn);
        List<JsonObject> chunks = ofTurn.stream().filter(r -> "chunk".equals(r.getString("type"))).toList();
        for (int i = 0; i < chunks.size(); i++) {
            assertEquals(i + 1, chunks.get(i).getInteger("seq"), "I2: chunk seq must run 1..n: " + chunks.get(i));
        }
        assertTrue(received.size() <= chunks.size(), "I1: client received " + received.size()
                + " chunks but only " + chunks.size() + " are journaled");
        for (int i = 0; i < received.size(); i++) {
            assertEquals(received.get(i), chunks.get(i).getString("text"),
                    "I1: the client received a chunk the journal does not hold");
        }
        return chunks.size();
    }
}
