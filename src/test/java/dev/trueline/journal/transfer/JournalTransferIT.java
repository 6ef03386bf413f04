package dev.trueline.journal.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.trueline.testing.AppProcess;
import dev.trueline.testing.RedisServer;
import dev.trueline.testing.Turns;
import io.vertx.core.json.JsonObject;

/**
 * {@code journal-export} and {@code journal-import}, the packaged app run as a one-shot command, against a real
 * redis-server and the packaged app serving on Redis and on files: the export is byte for byte what
 * {@code GET .../journal} answers; an imported file journal reads back the same transcript through the app on Redis;
 * an import that would overwrite a conversation is refused with a message that says so, and imports nothing.
 */
class JournalTransferIT {

    private static final Path WORK = Path.of("target", "journal-transfer-it");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void exportIsTheRawJournalAndImportReadsBackTheSameTranscript() throws Exception {
        Files.createDirectories(WORK);
        try (RedisServer redis = RedisServer.start()) {
            Map<String, String> onRedis = Map.of("trueline.journal.backend", "redis", "quarkus.redis.hosts",
                    redis.uri(), "quarkus.redis.trueline-follow.hosts", redis.uri());

            // a conversation on Redis, exported
            byte[] served;
            try (AppProcess app = AppProcess.start(Files.createTempDirectory(WORK, "unused-"), onRedis,
                    WORK.resolve("redis-app.log"))) {
                Turns.run(app.uri("/"), "onredis", new JsonObject().put("prompt", "hello redis"));
                Turns.run(app.uri("/"), "onredis", new JsonObject().put("prompt", "and again"));
                served = bytes(app.uri("/api/conversations/onredis/journal"));
            }
            Path exported = Files.createTempDirectory(WORK, "export-");
            AppProcess.CommandResult export = AppProcess.command(onRedis, "journal-export", exported.toString());
            assertEquals(0, export.status(), export.output());
            assertArrayEquals(served, Files.readAllBytes(exported.resolve("onredis.jsonl")),
                    "the export is what GET .../journal answers, byte for byte");

            // a conversation in a file journal, imported, read back through the app on Redis
            Path files = Files.createTempDirectory(WORK, "files-");
            String transcript;
            try (AppProcess app = AppProcess.start(files, Map.of(), WORK.resolve("file-app.log"))) {
                Turns.run(app.uri("/"), "onfiles", new JsonObject().put("prompt", "hello files"));
                transcript = string(app.uri("/api/conversations/onfiles"));
            }
            AppProcess.CommandResult imported = AppProcess.command(onRedis, "journal-import", files.toString());
            assertEquals(0, imported.status(), imported.output());
            assertTrue(imported.output().contains("imported onfiles"), imported.output());
            try (AppProcess app = AppProcess.start(Files.createTempDirectory(WORK, "unused-"), onRedis,
                    WORK.resolve("redis-app-2.log"))) {
                assertEquals(transcript, string(app.uri("/api/conversations/onfiles")),
                        "the imported conversation's transcript, as the file journal served it");
                assertArrayEquals(Files.readAllBytes(files.resolve("onfiles.jsonl")),
                        bytes(app.uri("/api/conversations/onfiles/journal")), "and its raw journal");
            }

            // importing it again would overwrite it: refused, nothing imported
            Files.write(files.resolve("another.jsonl"), Files.readAllBytes(exported.resolve("onredis.jsonl")));
            AppProcess.CommandResult again = AppProcess.command(onRedis, "journal-import", files.toString());
            assertEquals(1, again.status(), again.output());
            assertTrue(again.output().contains("refused onfiles: the conversation exists already"), again.output());
            assertTrue(again.output().contains("nothing imported"), again.output());
            AppProcess.CommandResult listed = AppProcess.command(onRedis, "journal-export",
                    Files.createTempDirectory(WORK, "export-").toString());
            assertTrue(!listed.output().contains("exported another"), "another.jsonl was not imported:\n"
                    + listed.output());
        }
    }

    private static byte[] bytes(URI uri) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), uri.toString());
        return response.body();
    }

    private static String string(URI uri) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), uri.toString());
        return response.body();
    }
}
