package dev.trueline.journal.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.trueline.conversation.Healer;
import dev.trueline.conversation.Message;
import dev.trueline.conversation.Transcript;
import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.EndRecord;
import dev.trueline.journal.JournalCodec;
import dev.trueline.journal.JournalContents;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.RepairRecord;
import dev.trueline.journal.SyncMode;
import dev.trueline.journal.UserRecord;

/**
 * Torn writes (what a power loss leaves): a journal cut at every byte offset of its last record heals and takes a
 * new turn, over real files. Even offsets are repaired by the startup scan, odd ones by the first append.
 */
class TornTailTest {

    private static final ConversationId ID = ConversationId.of("torn");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void aJournalCutAnywhereInItsLastRecordHealsAndTakesANewTurn() throws Exception {
        byte[] whole = writtenJournal(tmp.resolve("original"));
        int lastLineStart = lastLineStart(whole);
        assertTrue(whole.length - lastLineStart > 40, "the last record is a real line");

        for (int cut = lastLineStart; cut < whole.length; cut++) {
            Path dir = tmp.resolve("cut-" + cut);
            Files.createDirectories(dir);
            Files.write(dir.resolve("torn.jsonl"), Arrays.copyOf(whole, cut));
            JsonlJournal journal = new JsonlJournal(TestJournalConfig.of(dir, SyncMode.ALWAYS), Fsync.FORCE);
            try {
                if (cut % 2 == 0) {
                    long repaired = journal.repairTails().await().atMost(WAIT);
                    assertEquals(cut > lastLineStart ? 1 : 0, repaired, "files repaired by the scan, cut " + cut);
                }
                append(journal, new UserRecord(2, JournalRecord.now(), "again", "scripted", "scripted-1"));
                append(journal, new ChunkRecord(2, 1, "Fine"));
                append(journal, new EndRecord(2, JournalRecord.now(), 1, "stop", null));
            } finally {
                journal.shutdown();
            }

            JournalContents contents = JournalCodec.decode(Files.readAllBytes(dir.resolve("torn.jsonl")));
            assertEquals(List.of(), contents.repairs(), "cut at " + cut + " does not parse whole after repair");
            boolean torn = cut > lastLineStart;
            assertEquals(torn ? 1 : 0, contents.records().stream().filter(r -> r instanceof RepairRecord).count());
            if (torn) {
                RepairRecord repair = (RepairRecord) contents.records().stream()
                        .filter(r -> r instanceof RepairRecord).findFirst().orElseThrow();
                assertEquals(lastLineStart, repair.offset());
                assertEquals(cut - lastLineStart, repair.bytes());
            }

            Transcript transcript = Healer.heal(ID, contents);
            List<Message> messages = transcript.messages();
            assertEquals(4, messages.size(), "cut at " + cut);
            // The end record was lost: turn 1 shows its journaled chunks as stopped by the server (I4).
            assertEquals(Message.INTERRUPTED, messages.get(1).status());
            assertEquals(Message.SERVER_STOPPED, messages.get(1).reason());
            assertEquals("Hello there", messages.get(1).text());
            assertEquals(Message.COMPLETE, messages.get(3).status());
            assertEquals("Fine", messages.get(3).text());
            assertEquals(2, transcript.turns());
        }
    }

    /** A real journal written by the journal: a turn of three chunks whose last record is its end. */
    private static byte[] writtenJournal(Path dir) throws Exception {
        JsonlJournal journal = new JsonlJournal(TestJournalConfig.of(dir, SyncMode.ALWAYS), Fsync.FORCE);
        try {
            append(journal, new UserRecord(1, JournalRecord.now(), "Hi", "scripted", "scripted-1"));
            append(journal, new ChunkRecord(1, 1, "Hello"));
            append(journal, new ChunkRecord(1, 2, " "));
            append(journal, new ChunkRecord(1, 3, "there"));
            append(journal, new EndRecord(1, JournalRecord.now(), 3, "stop", null));
        } finally {
            journal.shutdown();
        }
        return Files.readAllBytes(dir.resolve("torn.jsonl"));
    }

    private static void append(JsonlJournal journal, JournalRecord record) {
        journal.append(ID, record).await().atMost(WAIT);
    }

    private static int lastLineStart(byte[] bytes) {
        for (int i = bytes.length - 2; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }
}
