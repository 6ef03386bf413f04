package dev.trueline.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The journal of the application under test, in the file format, read straight from where its backend keeps it: the
 * JSONL files on disk, or, with {@code trueline.journal.backend=redis}, each conversation's stream on the
 * redis-server ({@link JournalStreams}), never through the application's own journal code. So a test that reads the
 * journal here runs unchanged on both backends; {@link #dir()} and {@link #file} are the file journal's alone.
 */
public final class JournalFiles {

    private JournalFiles() {
    }

    /** The file journal's directory ({@code trueline.journal.dir}). */
    public static Path dir() {
        return Path.of(ConfigProvider.getConfig().getValue("trueline.journal.dir", String.class)).toAbsolutePath();
    }

    /** A conversation's file in the file journal. */
    public static Path file(String cid) {
        return dir().resolve(cid + ".jsonl");
    }

    /** Every line of a conversation's journal parsed as JSON; fails the test on a line that is not JSON. */
    public static List<JsonObject> records(String cid) {
        if (JournalStreams.inUse()) {
            return parse(new String(JournalStreams.bytes(cid), StandardCharsets.UTF_8));
        }
        try {
            return parse(Files.readString(file(cid), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot read journal of " + cid, e);
        }
    }

    /** A conversation's journal as the backend holds it, byte for byte in the file format. */
    public static byte[] bytes(String cid) throws IOException {
        return JournalStreams.inUse() ? JournalStreams.bytes(cid) : Files.readAllBytes(file(cid));
    }

    /**
     * Every conversation's journal the backend holds, as text, by where it is kept (a file, or a stream key): a secret
     * must be in none of them.
     */
    public static Map<String, String> everyJournal() throws IOException {
        Map<String, String> journals = new TreeMap<>();
        if (JournalStreams.inUse()) {
            for (String cid : JournalStreams.conversations()) {
                journals.put("the stream of " + cid, new String(JournalStreams.bytes(cid), StandardCharsets.UTF_8));
            }
            return journals;
        }
        try (Stream<Path> files = Files.list(dir())) {
            for (Path file : files.toList()) {
                journals.put(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return journals;
    }

    /** Puts {@code lines}, a journal the application did not write, where the backend keeps the conversation's. */
    public static void plant(String cid, List<String> lines) throws IOException {
        if (JournalStreams.inUse()) {
            JournalStreams.plant(cid, lines);
            return;
        }
        Files.createDirectories(dir());
        Files.writeString(file(cid), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    /** Whether the backend holds anything of the conversation: a refused turn must leave nothing. */
    public static boolean exists(String cid) {
        return JournalStreams.inUse() ? JournalStreams.exists(cid) : Files.exists(file(cid));
    }

    /**
     * Breaks the conversation's journal for real, so that reading it fails: a directory where its file should be, or
     * a plain string where its stream should be. Closing it puts things back.
     */
    public static Unreadable makeUnreadable(String cid) throws IOException {
        if (JournalStreams.inUse()) {
            return new Unreadable(JournalStreams.breakReads(cid), () -> JournalStreams.restore(cid));
        }
        Files.createDirectories(file(cid));
        return new Unreadable(dir().toString(), () -> Files.delete(file(cid)));
    }

    /**
     * A journal made unreadable by {@link #makeUnreadable}.
     *
     * @param where what a problem shown to a client must not name: the file journal's directory, or the Redis key
     */
    public record Unreadable(String where, Undo undo) implements AutoCloseable {

        /** Puts the journal back. */
        public interface Undo {
            void run() throws IOException;
        }

        @Override
        public void close() throws IOException {
            undo.run();
        }
    }

    /**
     * Every line of a journal's text parsed as JSON; fails the test on a line that is not JSON. For journals read
     * some other way than from this app's directory (a container's volume).
     */
    public static List<JsonObject> parse(String jsonl) {
        return jsonl.lines().map(JsonObject::new).collect(Collectors.toList());
    }

    /** The records of one {@code type} ({@code chunk}, {@code aborted}, ...) in a conversation's journal, in order. */
    public static List<JsonObject> records(String cid, String type) {
        return records(cid).stream().filter(r -> type.equals(r.getString("type"))).toList();
    }

    /** The terminal record ({@code end}, {@code aborted} or {@code failed}) of a turn, or null while there is none. */
    public static JsonObject terminal(String cid, int turn) {
        if (JournalStreams.inUse() ? !JournalStreams.hasStream(cid) : !Files.exists(file(cid))) {
            return null;
        }
        return records(cid).stream().filter(r -> r.getInteger("turn", -1) == turn)
                .filter(r -> List.of("end", "aborted", "failed").contains(r.getString("type"))).findFirst().orElse(null);
    }

    /** The text of the first {@code count} journaled chunks of a turn, joined. */
    public static String chunkText(String cid, int turn, int count) {
        return records(cid, "chunk").stream().filter(r -> r.getInteger("turn") == turn && r.getInteger("seq") <= count)
                .map(r -> r.getString("text")).collect(Collectors.joining());
    }

    /** The text of one turn's journaled chunks, joined. */
    public static String chunkText(String cid, int turn) {
        return records(cid, "chunk").stream().filter(r -> r.getInteger("turn") == turn)
                .map(r -> r.getString("text")).collect(Collectors.joining());
    }

    /**
     * True once the conversation's journal holds a chunk with exactly {@code text}. The file is found now, on the
     * caller's thread, and read on each call, from any thread (a fake upstream waiting for Trueline to journal); on
     * Redis each call never blocks ({@link JournalStreams#anyLine}).
     */
    public static BooleanSupplier holdsChunk(String cid, String text) {
        if (JournalStreams.inUse()) {
            return JournalStreams.anyLine(cid, line -> isChunk(line, text));
        }
        Path file = file(cid);
        return () -> {
            try {
                return Files.exists(file) && Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .anyMatch(line -> isChunk(line, text));
            } catch (IOException e) {
                return false;
            }
        };
    }

    /** A fresh conversation id, so tests never share a conversation. */
    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static boolean isChunk(String line, String text) {
        try {
            JsonObject record = new JsonObject(line);
            return "chunk".equals(record.getString("type")) && text.equals(record.getString("text"));
        } catch (DecodeException halfWritten) {
            return false;
        }
    }
}
