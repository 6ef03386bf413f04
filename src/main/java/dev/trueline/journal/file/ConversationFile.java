package dev.trueline.journal.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationRecord;
import dev.trueline.journal.JournalCodec;
import dev.trueline.journal.JournalContents;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.JournalUnavailableException;
import dev.trueline.journal.OpenTurn;
import dev.trueline.journal.Repair;
import dev.trueline.journal.RepairRecord;
import dev.trueline.journal.TerminalRecord;
import dev.trueline.journal.TurnPage;
import dev.trueline.journal.UserRecord;

/**
 * One conversation's file and the state of its open turn. Not thread-safe by design: every method runs on the
 * conversation's {@link SerialExecutor}, never on an event loop ({@link IoThreadGuard}). Appends only write to the
 * OS; {@link #force} makes them durable, and when to call it is the sync mode's business ({@link Conversation}).
 * Reads see the file as far as its records count as written (with {@code sync=always}: forced).
 */
final class ConversationFile {

    private static final Logger LOG = Logger.getLogger(ConversationFile.class);
    private static final int TAIL_SCAN = 64 * 1024;

    private final ConversationId id;
    private final Path path;
    private FileChannel channel;
    private boolean tailChecked;
    /** I2 and I3, as far as this writer wrote the file. */
    private final OpenTurn openTurn;
    /** Bytes written since the last successful force. */
    private boolean dirty;
    /** With {@link #readsWaitForForce} and {@link #dirty}: the length of the file the last force covered. */
    private long durableLength;
    /** The most of a file's start read for its header: far more than a header line takes. */
    private static final int HEADER_SCAN = 64 * 1024;
    /** The header {@link #prepare} just wrote, until the append that caused it returns. */
    private ConversationRecord headerJustWritten;
    /** The file was created since the last force: its directory entry must be forced too. */
    private boolean created;
    /** Whether someone will call {@link #force}; if not, an idle conversation closes its file at once. */
    private final boolean forced;
    /**
     * With {@code sync=always} a record counts as written only once forced (I1): readers then see the file only up
     * to what the last force covered, never a chunk whose append has not completed yet.
     */
    private final boolean readsWaitForForce;
    private final TurnStarts turnStarts = new TurnStarts();

    /** A file nobody forces ({@code sync=none}): an idle conversation closes it at once. */
    ConversationFile(ConversationId id, Path path) {
        this(id, path, false, false);
    }

    /**
     * @param forced whether the sync mode forces the file ({@code interval}, {@code always})
     * @param readsWaitForForce whether a record is readable only once forced ({@code always})
     */
    ConversationFile(ConversationId id, Path path, boolean forced, boolean readsWaitForForce) {
        this.id = id;
        this.openTurn = new OpenTurn(id);
        this.path = path;
        this.forced = forced;
        this.readsWaitForForce = readsWaitForForce;
    }

    /** Writes {@code record} as the writer accepts it, and returns that: the one with its counts filled in. */
    JournalRecord append(JournalRecord record) {
        IoThreadGuard.check();
        JournalRecord accepted = openTurn.admit(record); // I2, I3: by the one place that knows what reached the file
        try {
            FileChannel ch = channel(accepted);
            if (accepted instanceof ConversationRecord header) {
                return writtenAsHeader(header);
            }
            byte[] line = JournalCodec.encode(accepted);
            // asked only for a prompt, the start of a turn: each position() is an lseek, and a chunk needs none
            long at = accepted instanceof UserRecord ? ch.position() : -1;
            write(ch, line);
            if (accepted instanceof UserRecord user) {
                turnStarts.put(user.turn(), at);
            }
        } catch (IOException e) {
            closeQuietly();
            tailChecked = false; // a partial line may be on disk: cut it before the next append
            throw new JournalUnavailableException("cannot append to journal of " + id + ": " + e, e);
        }
        commit(accepted);
        return accepted;
    }

    /**
     * Forces everything written so far to the device (and, for a new file, its directory entry), then closes the
     * file if no turn is open. Throws when written bytes can no longer be forced: they must not be reported durable.
     */
    void force(Fsync fsync) {
        IoThreadGuard.check();
        if (dirty) {
            if (channel == null) {
                dirty = false;
                throw new JournalUnavailableException("cannot force journal of " + id
                        + ": the file was closed after a write failure", null);
            }
            try {
                fsync.force(channel);
                if (created) {
                    forceDirectory();
                    created = false;
                }
                dirty = false; // everything written is durable now: readers see the whole file
            } catch (IOException e) {
                // After a failed fsync the kernel may have dropped the dirty pages: start over from what is on disk.
                closeQuietly();
                tailChecked = false;
                dirty = false;
                throw new JournalUnavailableException("cannot fsync journal of " + id + ": " + e, e);
            }
        }
        if (!openTurn.open()) {
            closeQuietly(); // an idle conversation holds no file descriptor
        }
    }

    /**
     * The startup scan: cuts a torn last line off an existing file (I4) and logs it, once. Returns the bytes cut.
     * A conversation it finds healthy is not checked again on its first append.
     */
    long repairTail() {
        IoThreadGuard.check();
        if (tailChecked || !Files.isRegularFile(path)) {
            return 0;
        }
        try {
            long before = Files.size(path);
            if (before == 0) {
                return 0; // created but never written: the first append writes the header
            }
            channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.READ);
            long cut = prepare(channel, null);
            tailChecked = true;
            if (!forced || cut == 0) {
                closeQuietly();
            }
            return cut;
        } catch (IOException e) {
            closeQuietly();
            throw new JournalUnavailableException("cannot repair journal of " + id + ": " + e, e);
        }
    }

    /**
     * The file's header (its first line), as far as the file is readable; empty when there is no file or its first
     * line is not complete. Reads only the start of the file: an ownership check costs no more than that.
     */
    Optional<ConversationRecord> header() {
        IoThreadGuard.check();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long readable = readableLength(ch.size());
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(readable, HEADER_SCAN));
            while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
                // read on until the buffer is full or the file ends
            }
            byte[] bytes = buf.array();
            for (int i = 0; i < buf.position(); i++) {
                if (bytes[i] == '\n') {
                    return JournalCodec.decodeLine(bytes, 0, i) instanceof ConversationRecord header
                            ? Optional.of(header)
                            : Optional.empty();
                }
            }
            return Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new JournalUnavailableException("cannot read journal of " + id + ": " + e, e);
        }
    }

    Optional<JournalContents> read() {
        return readRaw().map(JournalCodec::decode);
    }

    /** The file as far as it is readable: all of it, or with {@code sync=always} up to what the last force covered. */
    Optional<byte[]> readRaw() {
        IoThreadGuard.check();
        try {
            byte[] bytes = Files.readAllBytes(path);
            long readable = readableLength(bytes.length);
            return Optional.of(readable < bytes.length ? java.util.Arrays.copyOf(bytes, (int) readable) : bytes);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new JournalUnavailableException("cannot read journal of " + id + ": " + e, e);
        }
    }

    /** The records of {@code turn} after position {@code after}, as far as the file is readable. */
    TurnPage readTurn(int turn, int after, int limit, long cursor) {
        IoThreadGuard.check();
        FileChannel reading = channel;
        try {
            if (reading == null) {
                reading = FileChannel.open(path, StandardOpenOption.READ);
            }
            return new TurnScan(reading, readableLength(reading.size())).page(turn, after, limit, cursor, turnStarts);
        } catch (NoSuchFileException e) {
            return TurnPage.missing();
        } catch (IOException e) {
            throw new JournalUnavailableException("cannot read journal of " + id + ": " + e, e);
        } finally {
            if (reading != channel && reading != null) {
                try {
                    reading.close();
                } catch (IOException e) {
                    LOG.debugf("closing journal %s after a read: %s", path, e);
                }
            }
        }
    }

    boolean delete() {
        IoThreadGuard.check();
        closeQuietly();
        tailChecked = false;
        openTurn.reset();
        dirty = false; // nothing left to make durable
        created = false;
        turnStarts.clear();
        try {
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new JournalUnavailableException("cannot delete journal of " + id + ": " + e, e);
        }
    }

    void close() {
        closeQuietly();
    }

    /**
     * No open turn, no open file and nothing written that a sync mode still has to force: a fresh instance over the
     * same path would behave the same (it re-checks the tail on its first append, which finds nothing to cut).
     */
    boolean idle() {
        return !openTurn.open() && channel == null && (!forced || (!dirty && !created));
    }

    private void commit(JournalRecord record) {
        openTurn.written(record);
        if (record instanceof TerminalRecord && !forced) {
            closeQuietly(); // an idle conversation holds no file descriptor; with a sync mode, force() closes it
        }
    }

    private FileChannel channel(JournalRecord first) throws IOException {
        if (channel == null || !channel.isOpen()) {
            Files.createDirectories(path.getParent());
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            if (!tailChecked) {
                prepare(channel, first);
                tailChecked = true;
            }
            channel.position(channel.size());
        }
        return channel;
    }

    /**
     * First touch: write the header of a new file, or cut a torn tail off an existing one (I4). Returns the bytes
     * cut off. The header is {@code first} when that is one (it names the owner), else one without an owner.
     */
    private long prepare(FileChannel ch, JournalRecord first) throws IOException {
        ConversationRecord header = first instanceof ConversationRecord given ? given
                : new ConversationRecord(ConversationRecord.FORMAT_VERSION, id.value(),
                        first instanceof UserRecord user ? user.ts() : now(), null);
        long size = ch.size();
        if (size == 0) {
            created = true;
            writeHeader(ch, header);
            return 0;
        }
        long complete = completeLength(ch, size);
        if (complete < size) {
            long cut = size - Math.max(complete, 0);
            ch.truncate(Math.max(complete, 0));
            turnStarts.clear();
            ch.position(ch.size());
            LOG.warnf("journal %s: cut a torn last line of %d bytes at offset %d (file was %d bytes)",
                    path, cut, Math.max(complete, 0), size);
            if (complete <= 0) {
                writeHeader(ch, header);
            }
            write(ch, JournalCodec.encode(new RepairRecord(now(), Repair.TORN_TAIL, Math.max(complete, 0), cut)));
            return cut;
        }
        return 0;
    }

    private void writeHeader(FileChannel ch, ConversationRecord header) throws IOException {
        write(ch, JournalCodec.encode(header));
        headerJustWritten = header;
    }

    /**
     * A header appended by a caller starting a conversation: {@link #channel} wrote it as the first line of the new
     * file. A file that has its header already keeps it: the caller's idea that the conversation was new is wrong.
     */
    private ConversationRecord writtenAsHeader(ConversationRecord header) {
        boolean written = headerJustWritten == header;
        headerJustWritten = null;
        if (!written) {
            throw new IllegalStateException("the journal of " + id + " has a header already");
        }
        return header;
    }

    private void forceDirectory() throws IOException {
        // A new file's name lives in its directory: without this a power loss can lose the whole file (Linux).
        try (FileChannel dir = FileChannel.open(path.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }

    private static long completeLength(FileChannel ch, long size) throws IOException {
        long end = size;
        while (end > 0) {
            long start = Math.max(0, end - TAIL_SCAN);
            ByteBuffer buf = ByteBuffer.allocate((int) (end - start));
            ch.read(buf, start);
            long found = JournalCodec.completeLength(buf.array(), start);
            if (found >= 0) {
                return found;
            }
            end = start;
        }
        return 0;
    }

    /** Every write of the file goes here, so that what readers may see is known ({@link #readableLength}). */
    private void write(FileChannel ch, byte[] line) throws IOException {
        if (!dirty) {
            durableLength = ch.size(); // all of it was forced, or was on disk before this process wrote to it
            dirty = true;
        }
        ByteBuffer buf = ByteBuffer.wrap(line);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** How much of a file of {@code size} bytes readers may see (I1 with {@code sync=always}). */
    private long readableLength(long size) {
        return readsWaitForForce && dirty ? Math.min(durableLength, size) : size;
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debugf("closing journal %s: %s", path, e);
            }
            channel = null;
        }
    }

    private static Instant now() {
        return JournalRecord.now();
    }
}
