package dev.trueline.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/** The real journal files of the application under test, read straight from disk. */
public final class JournalFiles {

    private JournalFiles() {
    }

    public static Path dir() {
        return Path.of(ConfigProvider.getConfig().getValue("trueline.journal.dir", String.class)).toAbsolutePath();
    }

    public static Path file(String cid) {
        return dir().resolve(cid + ".jsonl");
    }

    /** Every line of a conversation's journal parsed as JSON; fails the test on a line that is not JSON. */
    public static List<JsonObject> records(String cid) {
        try {
            return parse(Files.readString(file(cid), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot read journal of " + cid, e);
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
        if (!Files.exists(file(cid))) {
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
     * caller's thread, and read on each call, from any thread (a fake upstream waiting for Trueline to journal).
     */
    public static BooleanSupplier holdsChunk(String cid, String text) {
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
