package dev.trueline.journal.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.trueline.journal.DetachedRecord;
import dev.trueline.journal.JournalCodec;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.TerminalRecord;
import dev.trueline.journal.TurnPage;
import dev.trueline.journal.TurnRecord;
import dev.trueline.journal.UserRecord;

/**
 * Reads one turn's records out of a conversation file without reading the rest of it: the turn's prompt is taken
 * from {@link TurnStarts}, or found by bisecting the file (a few small reads however long the conversation is), or,
 * when the bisection cannot tell, by scanning backwards from the end; the records are then read forward from there,
 * or from the cursor a previous page left. Only the first {@code end} bytes are read: what is on the file but not yet
 * durable is not there for readers (I1).
 */
final class TurnScan {

    private static final int BLOCK = 64 * 1024;
    /** How a prompt record starts as {@link JournalCodec} writes it; lines written otherwise are found by a full scan. */
    private static final byte[] USER_PREFIX = "{\"type\":\"user\",\"turn\":".getBytes(StandardCharsets.US_ASCII);
    /** How a chunk record starts, so that chunks before a follower's position are skipped without decoding them. */
    private static final byte[] CHUNK_PREFIX = "{\"type\":\"chunk\",\"turn\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEQ_INFIX = ",\"seq\":".getBytes(StandardCharsets.US_ASCII);
    /** How every record of a turn starts as the codec writes it: its type, then its turn ({@link TurnRecord}). */
    private static final byte[] TYPE_PREFIX = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TURN_INFIX = "\",\"turn\":".getBytes(StandardCharsets.US_ASCII);
    /** What one bisection step reads: many chunk lines, far less than a turn. */
    private static final int PROBE = 4 * 1024;
    /** The bisection stops once the prompt is known to lie this near; the rest is read forward. */
    private static final int NEAR = 64 * 1024;

    private final FileChannel channel;
    private final long end;
    private long bytesRead;

    /**
     * @param channel the conversation's file, read with positional reads only
     * @param end how much of it is readable: its durable length
     */
    TurnScan(FileChannel channel, long end) {
        this.channel = channel;
        this.end = end;
    }

    /**
     * The records of {@code turn} after position {@code after}, at most {@code limit}, reading from {@code cursor}
     * (a line start a previous page returned) or, when it is -1, from the turn's prompt.
     */
    TurnPage page(int turn, int after, int limit, long cursor, TurnStarts starts) throws IOException {
        long from = cursor;
        if (from < 0) {
            from = starts.get(turn);
            if (from < 0 || from >= end) {
                from = findPrompt(turn);
                if (from < 0) {
                    return TurnPage.missing();
                }
                starts.put(turn, from);
            }
        }
        List<JournalRecord> records = new ArrayList<>();
        LineReader lines = new LineReader(from);
        for (byte[] line = lines.next(); line != null; line = lines.next()) {
            if (chunkAtOrBefore(line, turn, after)) {
                continue; // already seen by the reader: not worth decoding
            }
            JournalRecord record = JournalCodec.decodeLine(line, 0, line.length);
            if (record instanceof UserRecord user && user.turn() != turn) {
                // a later turn began: this one is over without a terminal record (its process died)
                return new TurnPage(true, records, true, lines.lineStart());
            }
            if (!(record instanceof TurnRecord inTurn) || inTurn.turn() != turn || record instanceof DetachedRecord) {
                continue; // another conversation-level record (a repair), a departure, a line this version skips
            }
            if (inTurn.position() <= after) {
                continue;
            }
            if (records.size() == limit) {
                return new TurnPage(true, records, false, lines.lineStart());
            }
            records.add(record);
            if (record instanceof TerminalRecord) {
                return new TurnPage(true, records, true, lines.position());
            }
        }
        return new TurnPage(true, records, false, lines.position());
    }

    /** The offset of {@code turn}'s prompt line, or -1 when the file has none. */
    long findPrompt(int turn) throws IOException {
        long found = findPromptBisecting(turn);
        if (found == NOT_DECIDED) {
            found = findPromptBackwards(turn);
        }
        return found != NOT_DECIDED ? found : findPromptForwards(turn);
    }

    /** Bytes this scan read from the file: what a read of one turn costs. */
    long bytesRead() {
        return bytesRead;
    }

    private static final long NOT_DECIDED = -2;

    /**
     * Bisects the file by the turn of the first record found after a probe point: a turn's records follow its prompt
     * and come before the next turn's (I3, one lease per conversation), so turn numbers never decrease along the
     * file, and the prompt is the first line of its turn. Returns the offset of the prompt line, verified to be one,
     * or {@link #NOT_DECIDED} when the probes cannot tell (a line longer than a probe, records not written the
     * codec's way, no such turn), for the scans to decide. Costs about log2(file / {@value #NEAR}) reads of
     * {@value #PROBE} bytes, then one forward read of at most {@value #NEAR} bytes.
     */
    private long findPromptBisecting(int turn) throws IOException {
        long lo = 0; // a line start at or before the prompt
        long hi = end; // the prompt starts at or before this
        while (hi - lo > NEAR) {
            long mid = lo + (hi - lo) / 2;
            long[] probed = firstTurnLineFrom(mid);
            if (probed == null || probed[0] >= hi) {
                return NOT_DECIDED;
            }
            if (probed[1] < turn) {
                lo = probed[0]; // a line of an earlier turn: the prompt comes after it
            } else {
                hi = probed[0]; // a line of this turn or a later one: the prompt is this line or before it
            }
        }
        LineReader lines = new LineReader(lo);
        for (byte[] line = lines.next(); line != null && lines.lineStart() <= hi; line = lines.next()) {
            if (promptTurnAt(line, 0) == turn) {
                return lines.lineStart();
            }
        }
        return NOT_DECIDED;
    }

    /**
     * The first line starting at or after {@code from} (never the file's start) that is a turn's record, within one
     * probe, as {@code [offset, turn]}; null when the probe holds none.
     */
    private long[] firstTurnLineFrom(long from) throws IOException {
        long start = from - 1; // the byte before tells whether {@code from} is a line start
        byte[] bytes = read(start, (int) Math.min(PROBE, end - start));
        for (int i = indexOf(bytes, (byte) '\n', 0) + 1; i > 0; i = indexOf(bytes, (byte) '\n', i) + 1) {
            int t = recordTurnAt(bytes, i);
            if (t >= 0) {
                return new long[] { start + i, t };
            }
        }
        return null;
    }

    /**
     * Scans back from the end, line start by line start, for a prompt line of this turn: -1 once an earlier turn's
     * prompt shows the turn is not there (turns are numbered in file order), {@link #NOT_DECIDED} at the start of the
     * file without a prompt line of the usual shape.
     */
    private long findPromptBackwards(int turn) throws IOException {
        long blockEnd = end;
        byte[] carry = new byte[0]; // the start of the line that straddles two blocks, read in the later block
        while (blockEnd > 0) {
            long blockStart = Math.max(0, blockEnd - BLOCK);
            byte[] block = read(blockStart, (int) (blockEnd - blockStart));
            byte[] bytes = concat(block, carry);
            for (int i = block.length - 1; i >= -1; i--) {
                boolean lineStart = i == -1 ? blockStart == 0 : bytes[i] == '\n';
                if (!lineStart) {
                    continue;
                }
                int start = i + 1;
                int promptTurn = promptTurnAt(bytes, start);
                if (promptTurn == turn) {
                    return blockStart + start;
                }
                if (promptTurn >= 0 && promptTurn < turn) {
                    return -1;
                }
            }
            int firstNewline = indexOf(bytes, (byte) '\n', 0);
            carry = firstNewline < 0 ? bytes : java.util.Arrays.copyOf(bytes, firstNewline + 1);
            blockEnd = blockStart;
        }
        return NOT_DECIDED;
    }

    /** Every line decoded, for a file whose prompt lines are not written the usual way. */
    private long findPromptForwards(int turn) throws IOException {
        LineReader lines = new LineReader(0);
        for (byte[] line = lines.next(); line != null; line = lines.next()) {
            if (JournalCodec.decodeLine(line, 0, line.length) instanceof UserRecord user && user.turn() == turn) {
                return lines.lineStart();
            }
        }
        return -1;
    }

    /** The turn number of a prompt line starting at {@code start}, or -1 when the line is not one. */
    private static int promptTurnAt(byte[] bytes, int start) {
        return startsWith(bytes, start, USER_PREFIX) ? number(bytes, start + USER_PREFIX.length) : -1;
    }

    /** The turn of a turn's record (any type) starting at {@code start}, as the codec writes them, or -1. */
    private static int recordTurnAt(byte[] bytes, int start) {
        if (!startsWith(bytes, start, TYPE_PREFIX)) {
            return -1;
        }
        int at = start + TYPE_PREFIX.length;
        while (at < bytes.length && bytes[at] >= 'a' && bytes[at] <= 'z') {
            at++;
        }
        if (!startsWith(bytes, at, TURN_INFIX)) {
            return -1;
        }
        int digits = at + TURN_INFIX.length;
        int after = digits;
        while (after < bytes.length && bytes[after] >= '0' && bytes[after] <= '9') {
            after++;
        }
        // a number the probe cut off may be the start of a longer one
        return after < bytes.length && bytes[after] == ',' ? number(bytes, digits) : -1;
    }

    /** Whether the line is, as the codec writes them, a chunk of {@code turn} with a seq of {@code after} or less. */
    private static boolean chunkAtOrBefore(byte[] line, int turn, int after) {
        if (!startsWith(line, 0, CHUNK_PREFIX) || number(line, CHUNK_PREFIX.length) != turn) {
            return false;
        }
        int seqAt = CHUNK_PREFIX.length + Integer.toString(turn).length();
        if (!startsWith(line, seqAt, SEQ_INFIX)) {
            return false;
        }
        int seq = number(line, seqAt + SEQ_INFIX.length);
        return seq >= 0 && seq <= after;
    }

    private static boolean startsWith(byte[] bytes, int start, byte[] prefix) {
        if (bytes.length - start < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (bytes[start + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    /** The decimal number at {@code start}, or -1 when there is none (or it does not fit an int). */
    private static int number(byte[] bytes, int start) {
        long n = 0;
        int k = start;
        for (; k < bytes.length && bytes[k] >= '0' && bytes[k] <= '9' && k - start < 10; k++) {
            n = n * 10 + (bytes[k] - '0');
        }
        return k == start || n > Integer.MAX_VALUE ? -1 : (int) n;
    }

    private byte[] read(long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        bytesRead += buffer.position();
        return buffer.position() == length ? buffer.array() : java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (b.length == 0) {
            return a;
        }
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Complete lines forward from an offset, up to {@code end}; a last line without its newline is not one. */
    private final class LineReader {

        private long blockStart;
        private byte[] block = new byte[0];
        private int next; // index in block of the next line's start
        private long lineStart;

        LineReader(long from) {
            this.blockStart = from;
        }

        /** The next complete line, without its newline, or null at {@code end}. */
        byte[] next() throws IOException {
            while (true) {
                int newline = indexOf(block, (byte) '\n', next);
                if (newline >= 0) {
                    lineStart = blockStart + next;
                    byte[] line = java.util.Arrays.copyOfRange(block, next, newline);
                    next = newline + 1;
                    return line;
                }
                long unread = blockStart + block.length;
                if (unread >= end) {
                    return null;
                }
                // keep the partial line, read on
                byte[] rest = java.util.Arrays.copyOfRange(block, next, block.length);
                byte[] more = read(unread, (int) Math.min(BLOCK, end - unread));
                blockStart = blockStart + next;
                block = concat(rest, more);
                next = 0;
            }
        }

        /** Where the line last returned starts. */
        long lineStart() {
            return lineStart;
        }

        /** Where the line after the last one returned starts. */
        long position() {
            return blockStart + next;
        }
    }
}
