package dev.trueline.journal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Turns records into JSONL lines and journal bytes back into records. It has its own mapper on purpose: the file
 * format must not change when someone customizes the application's JSON for the REST API.
 */
public final class JournalCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();
    private static final ObjectWriter WRITER = MAPPER.writerFor(JournalRecord.class);
    private static final byte[] NOTHING = {};
    private static final byte[] NEWLINE = { '\n' };

    private JournalCodec() {
    }

    /** One record as a complete line: UTF-8 JSON followed by {@code \n}. */
    public static byte[] encode(JournalRecord record) {
        if (record instanceof ChunkRecord chunk) {
            byte[] line = ChunkJson.utf8(NOTHING, chunk.turn(), chunk.seq(), chunk.text(), NEWLINE);
            if (line != null) {
                return line;
            }
        }
        try {
            byte[] json = WRITER.writeValueAsBytes(record);
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode journal record " + record.getClass().getSimpleName(), e);
        }
    }

    /**
     * Parses a whole journal. Never throws on bad content (I4): a last line without its newline is a torn tail
     * (its write never completed, so nothing in it was delivered); a line that is not a JSON object with a
     * {@code type} is a corrupt line; both are skipped and reported. Records of unknown type are skipped silently.
     */
    public static JournalContents decode(byte[] bytes) {
        List<JournalRecord> records = new ArrayList<>();
        List<Repair> repairs = new ArrayList<>();
        int start = 0;
        long lineNumber = 0;
        while (start < bytes.length) {
            lineNumber++;
            int end = indexOf(bytes, (byte) '\n', start);
            if (end < 0) {
                repairs.add(new Repair(Repair.TORN_TAIL, lineNumber, start, bytes.length - start,
                        "last line has no newline: its write never completed"));
                break;
            }
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            String problem = decodeLine(line, records);
            if (problem != null) {
                repairs.add(new Repair(Repair.CORRUPT_LINE, lineNumber, start, end + 1 - start, problem));
            }
            start = end + 1;
        }
        return new JournalContents(records, repairs);
    }

    /**
     * One complete line (without its {@code \n}) as a record, or null when it is not one this version reads: a
     * corrupt line, or a record type it does not know. For ranged reads, which skip such lines as {@link #decode}
     * does, without reporting them (the transcript reports them).
     */
    public static JournalRecord decodeLine(byte[] bytes, int offset, int length) {
        List<JournalRecord> one = new ArrayList<>(1);
        decodeLine(new String(bytes, offset, length, StandardCharsets.UTF_8), one);
        return one.isEmpty() ? null : one.get(0);
    }

    /** Offset just past the last {@code \n}: where a file with a torn tail must be cut. */
    public static long completeLength(byte[] tail, long tailStart) {
        for (int i = tail.length - 1; i >= 0; i--) {
            if (tail[i] == '\n') {
                return tailStart + i + 1;
            }
        }
        return -1;
    }

    private static String decodeLine(String line, List<JournalRecord> records) {
        if (line.isBlank()) {
            return "blank line";
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return "not JSON: " + e.getOriginalMessage();
        }
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            return "not a JSON object with a string 'type'";
        }
        if (!JournalRecord.KNOWN_TYPES.contains(node.get("type").asText())) {
            return null; // unknown record types are allowed by format v1 and ignored
        }
        try {
            records.add(MAPPER.treeToValue(node, JournalRecord.class));
            return null;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return "bad " + node.get("type").asText() + " record: " + e.getMessage().lines().findFirst().orElse("");
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
