package dev.trueline.journal.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationRecord;
import dev.trueline.journal.DetachedRecord;
import dev.trueline.journal.EndRecord;
import dev.trueline.journal.JournalCodec;
import dev.trueline.journal.Repair;
import dev.trueline.journal.RepairRecord;
import dev.trueline.journal.TurnPage;
import dev.trueline.journal.UserRecord;

/** Finding a turn in a conversation file: where its prompt is, and what finding it costs. */
class TurnScanTest {

    private static final Instant TS = Instant.parse("2026-12-02T00:00:00Z");

    @Test
    void findsEveryTurnsPromptAmongRepairsDeparturesAndLongPrompts(@TempDir Path dir) throws Exception {
        Conversation c = write(dir.resolve("c.jsonl"), 300, 100, turn -> switch (turn) {
            case 150 -> "x".repeat(40_000); // longer than a probe: probes landing in it read on to the next line
            default -> "hi";
        });

        try (FileChannel ch = FileChannel.open(c.path, StandardOpenOption.READ)) {
            TurnScan scan = new TurnScan(ch, ch.size());
            for (int turn = 1; turn <= 300; turn++) {
                assertEquals(c.prompts.get(turn), scan.findPrompt(turn), "prompt of turn " + turn);
            }
            assertEquals(-1, scan.findPrompt(301));
        }
    }

    @Test
    void readingTheOldestTurnCostsTheTurnNotTheConversation(@TempDir Path dir) throws Exception {
        long shortRead = bytesToReadTurnOne(write(dir.resolve("short.jsonl"), 10, 1000, turn -> "hi"));
        long longRead = bytesToReadTurnOne(write(dir.resolve("long.jsonl"), 300, 1000, turn -> "hi"));

        // the Journal.readTurn contract; scanning back from the end read all 18 MB of the long file here
        assertTrue(longRead < 2 * shortRead, "turn 1 of 300 read " + longRead + " bytes, of 10: " + shortRead);
    }

    private static long bytesToReadTurnOne(Conversation c) throws Exception {
        try (FileChannel ch = FileChannel.open(c.path, StandardOpenOption.READ)) {
            TurnScan scan = new TurnScan(ch, ch.size());
            TurnPage page = scan.page(1, -1, 2000, -1, new TurnStarts());
            assertEquals(1002, page.records().size());
            assertInstanceOf(EndRecord.class, page.records().get(1001));
            return scan.bytesRead();
        }
    }

    private record Conversation(Path path, Map<Integer, Long> prompts) {
    }

    /** A file as the journal writes it, with a repair after turn 100 and a departure in turn 200. */
    private static Conversation write(Path path, int turns, int chunks,
            java.util.function.IntFunction<String> prompt) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<Integer, Long> prompts = new HashMap<>();
        out.write(JournalCodec.encode(new ConversationRecord(1, "c", TS, "local")));
        for (int turn = 1; turn <= turns; turn++) {
            prompts.put(turn, (long) out.size());
            out.write(JournalCodec.encode(new UserRecord(turn, TS, prompt.apply(turn), "scripted", "scripted-1")));
            for (int seq = 1; seq <= chunks; seq++) {
                out.write(JournalCodec.encode(new ChunkRecord(turn, seq, "sixteen chars..")));
                if (turn == 200 && seq == 10) {
                    out.write(JournalCodec.encode(new DetachedRecord(turn, TS, 10, 0)));
                }
            }
            out.write(JournalCodec.encode(new EndRecord(turn, TS, chunks, "stop", null)));
            if (turn == 100) {
                out.write(JournalCodec.encode(new RepairRecord(TS, Repair.TORN_TAIL, out.size(), 7)));
            }
        }
        Files.write(path, out.toByteArray());
        return new Conversation(path, prompts);
    }

}
