package dev.trueline.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;

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

    /** A fresh conversation id, so tests never share a conversation. */
    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
