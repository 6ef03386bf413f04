package dev.trueline.journal;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * A chunk as JSON, {@code {"type":"chunk","turn":T,"seq":S,"text":"..."}}, in UTF-8, laid out by hand around
 * Jackson's own string quoting: the same bytes Jackson writes for a {@link ChunkRecord} in the journal and for a
 * chunk event's SSE {@code data}, which are the same JSON. Nearly every record and event is a chunk, and the profile
 * of issue 10 found Jackson's per-chunk encoding a few percent of the server's CPU.
 */
public final class ChunkJson {

    private static final byte[] TYPE_AND_TURN = "{\"type\":\"chunk\",\"turn\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQ = ",\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT = ",\"text\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "\"}".getBytes(StandardCharsets.US_ASCII);

    private ChunkJson() {
    }

    /**
     * The chunk's JSON between {@code prefix} and {@code suffix} (a journal line: nothing and {@code \n}; an SSE
     * frame: its fields up to {@code data:}, and the line ends), or null when the text holds a character beyond the
     * Basic Multilingual Plane, or half of one: Jackson writes those as escaped UTF-16 halves, and such text is left to
     * it, so that the bytes stay Jackson's.
     */
    public static byte[] utf8(byte[] prefix, int turn, int seq, String text, byte[] suffix) {
        if (text == null || hasSurrogate(text)) {
            return null; // Jackson leaves a null field out, and writes a character beyond the BMP as two escapes
        }
        byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(text);
        byte[] turnDigits = digits(turn);
        byte[] seqDigits = digits(seq);
        byte[] json = new byte[prefix.length + TYPE_AND_TURN.length + turnDigits.length + SEQ.length + seqDigits.length
                + TEXT.length
                + quoted.length + CLOSE.length + suffix.length];
        int at = put(json, 0, prefix);
        at = put(json, at, TYPE_AND_TURN);
        at = put(json, at, turnDigits);
        at = put(json, at, SEQ);
        at = put(json, at, seqDigits);
        at = put(json, at, TEXT);
        at = put(json, at, quoted);
        at = put(json, at, CLOSE);
        put(json, at, suffix);
        return json;
    }

    private static boolean hasSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] digits(int n) {
        return Integer.toString(n).getBytes(StandardCharsets.US_ASCII);
    }

    private static int put(byte[] into, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, into, at, bytes.length);
        return at + bytes.length;
    }
}
