package dev.trueline.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationRecord;
import dev.trueline.journal.EndRecord;
import dev.trueline.journal.JournalCodec;
import dev.trueline.journal.JournalContents;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.UserRecord;

/** S5's conversations as the harness writes them: one file per conversation, as a scripted turn writes it. */
class FinishedConversationsTest {

    @Test
    void writesEachConversationAsHeaderThenPromptChunksAndEndPerTurn(@TempDir Path dir) throws Exception {
        long written = FinishedConversations.write(dir, List.of(2, 3), 5, 16);

        assertEquals(1 + 2 * 7 + 1 + 3 * 7, written);
        JournalContents contents = JournalCodec.decode(Files.readAllBytes(dir.resolve("s5-3.jsonl")));
        assertTrue(contents.repairs().isEmpty(), contents.repairs().toString());
        List<JournalRecord> records = contents.records();
        assertEquals(1 + 3 * 7, records.size());
        ConversationRecord header = assertInstanceOf(ConversationRecord.class, records.get(0));
        assertEquals("s5-3", header.id());
        assertEquals("local", header.owner()); // the principal of trueline.auth.mode=none: the bench's caller
        for (int turn = 1; turn <= 3; turn++) {
            int at = 1 + (turn - 1) * 7;
            assertEquals(turn, assertInstanceOf(UserRecord.class, records.get(at)).turn());
            for (int seq = 1; seq <= 5; seq++) {
                ChunkRecord chunk = assertInstanceOf(ChunkRecord.class, records.get(at + seq));
                assertEquals(turn + ":" + seq, chunk.turn() + ":" + chunk.seq());
            }
            EndRecord end = assertInstanceOf(EndRecord.class, records.get(at + 6));
            assertEquals(5, end.chunks());
            assertEquals("stop", end.finish());
        }
        assertTrue(Files.exists(dir.resolve("s5-2.jsonl")));
    }
}
