package dev.trueline.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.JournalCodec;
import dev.trueline.journal.Repair;

/** I4 on hand-written journals: the healer repairs and reports, and never throws. */
class HealerTest {

    private static final String HEADER = "{\"type\":\"conversation\",\"v\":1,\"id\":\"c1\",\"created\":\"2026-11-24T06:00:00Z\"}\n";
    private static final String USER1 = "{\"type\":\"user\",\"turn\":1,\"ts\":\"2026-11-24T06:00:01Z\",\"text\":\"Hi\"}\n";
    private static final String CHUNK1 = "{\"type\":\"chunk\",\"turn\":1,\"seq\":1,\"text\":\"Hel\"}\n";
    private static final String CHUNK2 = "{\"type\":\"chunk\",\"turn\":1,\"seq\":2,\"text\":\"lo\"}\n";
    private static final String CHUNK3 = "{\"type\":\"chunk\",\"turn\":1,\"seq\":3,\"text\":\" you\"}\n";

    @Test
    void completeTurnShowsAllChunks() {
        Transcript t = heal(HEADER + USER1 + CHUNK1 + CHUNK2
                + "{\"type\":\"end\",\"turn\":1,\"ts\":\"2026-11-24T06:00:02Z\",\"chunks\":2,\"finish\":\"stop\"}\n");
        assertEquals(List.of("user", "assistant"), roles(t));
        Message reply = t.messages().get(1);
        assertEquals("Hello", reply.text());
        assertEquals(Message.COMPLETE, reply.status());
        assertEquals("stop", reply.finish());
        assertEquals("Hi", t.title());
        assertEquals(1, t.turns());
        assertEquals(2, t.nextTurn());
        assertTrue(t.repairs().isEmpty());
    }

    /** A count no writer of ours makes (it caps delivered), but a hand-written journal may: reading must not fail. */
    @Test
    void aDeliveredCountAboveTheChunksJournaledShowsWhatIsThere() {
        Transcript t = heal(HEADER + USER1 + CHUNK1 + CHUNK2
                + "{\"type\":\"aborted\",\"turn\":1,\"ts\":\"2026-11-24T06:00:02Z\",\"delivered\":9,\"journaled\":2,"
                + "\"reason\":\"client_disconnect\"}\n"
                + "{\"type\":\"user\",\"turn\":2,\"ts\":\"2026-11-24T06:00:03Z\",\"text\":\"Again\"}\n"
                + "{\"type\":\"chunk\",\"turn\":2,\"seq\":1,\"text\":\"Ok\"}\n"
                + "{\"type\":\"failed\",\"turn\":2,\"ts\":\"2026-11-24T06:00:04Z\",\"delivered\":5,\"journaled\":1,"
                + "\"code\":\"upstream_failed\",\"message\":\"x\"}\n");
        assertEquals(List.of("user", "assistant", "user", "assistant"), roles(t));
        assertEquals("Hello", t.messages().get(1).text());
        assertEquals(Message.INTERRUPTED, t.messages().get(1).status());
        assertEquals("Ok", t.messages().get(3).text());
        assertEquals(Message.FAILED, t.messages().get(3).status());
    }

    /** A departure is not the end of a turn: the healer reads past it (format v1 readers skip it). */
    @Test
    void aDepartureRecordChangesNothingInTheTranscript() {
        Transcript t = heal(HEADER + USER1 + CHUNK1
                + "{\"type\":\"detached\",\"turn\":1,\"ts\":\"2026-11-24T06:00:02Z\",\"delivered\":1,\"from\":0}\n"
                + CHUNK2 + "{\"type\":\"end\",\"turn\":1,\"ts\":\"2026-11-24T06:00:03Z\",\"chunks\":2,\"finish\":\"stop\"}\n");
        assertEquals("Hello", t.messages().get(1).text());
        assertEquals(Message.COMPLETE, t.messages().get(1).status());
        assertTrue(t.repairs().isEmpty());
    }

    @Test
    void abortedTurnShowsExactlyItsDeliveredPrefix() {
        Transcript t = heal(HEADER + USER1 + CHUNK1 + CHUNK2 + CHUNK3
                + "{\"type\":\"aborted\",\"turn\":1,\"ts\":\"2026-11-24T06:00:02Z\",\"delivered\":2,\"journaled\":3,\"reason\":\"client_disconnect\"}\n");
        Message reply = t.messages().get(1);
        assertEquals("Hello", reply.text());
        assertEquals(Message.INTERRUPTED, reply.status());
        assertEquals("client_disconnect", reply.reason());
        assertEquals(2, reply.delivered());
        assertEquals(3, reply.journaled());
    }

    @Test
    void failedTurnShowsItsDeliveredPrefixAndTheError() {
        Transcript t = heal(HEADER + USER1 + CHUNK1 + CHUNK2
                + "{\"type\":\"failed\",\"turn\":1,\"ts\":\"2026-11-24T06:00:02Z\",\"delivered\":1,\"journaled\":2,\"code\":\"upstream_unavailable\",\"message\":\"down\"}\n");
        Message reply = t.messages().get(1);
        assertEquals("Hel", reply.text());
        assertEquals(Message.FAILED, reply.status());
        assertEquals("upstream_unavailable", reply.error().code());
        assertEquals("down", reply.error().message());
    }

    @Test
    void turnWithoutTerminalAndNothingRunningIsServerStoppedWithJournaledChunks() {
        Transcript t = heal(HEADER + USER1 + CHUNK1 + CHUNK2);
        Message reply = t.messages().get(1);
        assertEquals("Hello", reply.text());
        assertEquals(Message.INTERRUPTED, reply.status());
        assertEquals(Message.SERVER_STOPPED, reply.reason());
        assertEquals("interrupted", t.status());
    }

    @Test
    void runningTurnIsInProgress() {
        Transcript t = Healer.heal(ConversationId.of("c1"), decode(HEADER + USER1 + CHUNK1).running(OptionalInt.of(1)));
        Message reply = t.messages().get(1);
        assertEquals(Message.IN_PROGRESS, reply.status());
        assertEquals("Hel", reply.text());
        assertNull(reply.reason());
    }

    @Test
    void userMessageWithNothingAfterItGetsAnEmptyInterruptedReplySoRolesAlternate() {
        Transcript t = heal(HEADER + USER1
                + "{\"type\":\"user\",\"turn\":2,\"ts\":\"2026-11-24T06:00:05Z\",\"text\":\"Still there?\"}\n");
        assertEquals(List.of("user", "assistant", "user", "assistant"), roles(t));
        assertEquals("", t.messages().get(1).text());
        assertEquals(Message.SERVER_STOPPED, t.messages().get(1).reason());
        assertEquals("", t.messages().get(3).text());
        assertEquals(2, t.turns());
    }

    @Test
    void tornLastLineIsSkippedAndReported() {
        String torn = "{\"type\":\"chunk\",\"turn\":1,\"seq\":3,\"te";
        Transcript t = heal(HEADER + USER1 + CHUNK1 + CHUNK2 + torn);
        assertEquals("Hello", t.messages().get(1).text());
        assertEquals(1, t.repairs().size());
        Repair repair = t.repairs().get(0);
        assertEquals(Repair.TORN_TAIL, repair.kind());
        assertEquals(5L, repair.line());
        assertEquals(torn.length(), repair.bytes());
    }

    @Test
    void completeJsonWithoutItsNewlineIsStillATornTail() {
        // the write of a line is one line plus its newline: without the newline it never completed
        Transcript t = heal(HEADER + USER1 + CHUNK1 + CHUNK2.strip());
        assertEquals("Hel", t.messages().get(1).text());
        assertEquals(Repair.TORN_TAIL, t.repairs().get(0).kind());
    }

    @Test
    void corruptMiddleLineIsSkippedAndReported() {
        Transcript t = heal(HEADER + USER1 + CHUNK1 + "{this is not json}\n" + CHUNK2
                + "{\"type\":\"end\",\"turn\":1,\"ts\":\"2026-11-24T06:00:02Z\",\"chunks\":2,\"finish\":\"stop\"}\n");
        assertEquals("Hello", t.messages().get(1).text());
        assertEquals(Message.COMPLETE, t.messages().get(1).status());
        assertEquals(1, t.repairs().size());
        assertEquals(Repair.CORRUPT_LINE, t.repairs().get(0).kind());
        assertEquals(4L, t.repairs().get(0).line());
    }

    @Test
    void unknownRecordTypesAndExtraFieldsAreIgnored() {
        Transcript t = heal(HEADER + USER1
                + "{\"type\":\"thinking\",\"turn\":1,\"text\":\"hmm\"}\n"
                + "{\"type\":\"chunk\",\"turn\":1,\"seq\":1,\"text\":\"Hel\",\"extra\":{\"a\":1}}\n" + CHUNK2
                + "{\"type\":\"end\",\"turn\":1,\"ts\":\"2026-11-24T06:00:02Z\",\"chunks\":2,\"finish\":\"stop\"}\n");
        assertEquals("Hello", t.messages().get(1).text());
        assertTrue(t.repairs().isEmpty());
    }

    @Test
    void repairRecordsWrittenByTheJournalAreReported() {
        Transcript t = heal(HEADER + USER1 + CHUNK1
                + "{\"type\":\"repair\",\"ts\":\"2026-11-24T06:10:00Z\",\"kind\":\"torn_tail\",\"offset\":250,\"bytes\":17}\n");
        assertEquals(1, t.repairs().size());
        assertEquals(17, t.repairs().get(0).bytes());
        assertEquals(Message.SERVER_STOPPED, t.messages().get(1).reason());
    }

    @Test
    void emptyAndGarbageFilesNeverThrow() {
        assertEquals(0, heal("").messages().size());
        Transcript garbage = heal("\u0000\u0001garbage\n\n[1,2]\n");
        assertEquals(0, garbage.messages().size());
        assertEquals(3, garbage.repairs().size());
    }

    private static Transcript heal(String journal) {
        return Healer.heal(ConversationId.of("c1"), decode(journal));
    }

    private static dev.trueline.journal.JournalContents decode(String journal) {
        return JournalCodec.decode(journal.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> roles(Transcript t) {
        return t.messages().stream().map(Message::role).toList();
    }
}
