package dev.trueline.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * A chunk's journal line, laid out by hand, is byte for byte the line Jackson writes for the same record, and it
 * reads back as that record.
 */
class ChunkJsonTest {

    /** Characters JSON must escape, the ones it must not, and the ones easy to get wrong (a pair, and its halves). */
    private static final String TRICKY = "\"\\/\b\f\n\r\t\u0000\u0001\u001f\u007f\u2028\u2029é€\uD83D\uDE00<>&'";

    /** Jackson alone, as {@link JournalCodec} wrote every record before chunks were laid out by hand. */
    private static final ObjectWriter JACKSON = JsonMapper.builder().build().writerFor(JournalRecord.class);

    @Test
    void aChunkLineIsWhatJacksonWritesForIt() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int c = 0; c < length; c++) {
                text.append(random.nextInt(3) == 0 ? TRICKY.charAt(random.nextInt(TRICKY.length()))
                        : (char) (random.nextInt(3) == 0 ? random.nextInt(0x3000) : 32 + random.nextInt(95)));
            }
            ChunkRecord chunk = new ChunkRecord(1 + random.nextInt(1000), random.nextInt(100_000), text.toString());
            byte[] line = JournalCodec.encode(chunk);
            byte[] jackson = JACKSON.writeValueAsBytes(chunk);
            assertEquals(new String(jackson, StandardCharsets.UTF_8) + "\n", new String(line, StandardCharsets.UTF_8),
                    () -> "text: " + chunk.text());
            assertEquals(jackson.length + 1, line.length);
            assertEquals(chunk, JournalCodec.decode(line).records().get(0));
        }
    }

    @Test
    void textBeyondTheBmpIsLeftToJackson() {
        assertNull(ChunkJson.utf8(new byte[0], 1, 1, "half a pair: \uD83D", new byte[0]));
        assertNull(ChunkJson.utf8(new byte[0], 1, 1, "a pair: \uD83D\uDE00", new byte[0]));
        assertNull(ChunkJson.utf8(new byte[0], 1, 1, "\uDE00 the other half", new byte[0]));
        assertNull(ChunkJson.utf8(new byte[0], 1, 1, null, new byte[0]));
    }

    @Test
    void theJsonSitsBetweenItsPrefixAndSuffix() {
        byte[] framed = ChunkJson.utf8("data:".getBytes(StandardCharsets.US_ASCII), 3, 14, "é\"",
                "\n\n".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals("data:{\"type\":\"chunk\",\"turn\":3,\"seq\":14,\"text\":\"é\\\"\"}\n\n"
                .getBytes(StandardCharsets.UTF_8), framed);
    }
}
