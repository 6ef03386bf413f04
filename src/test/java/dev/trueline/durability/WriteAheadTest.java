package dev.trueline.durability;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * I1 on the path where nothing fails: with {@code sync=always} a chunk counts as written only once an fsync covers
 * it. While that fsync is held, the chunk is in the file (the test reads it there) yet no client, and no transcript,
 * may see it or anything after it; released, everything arrives.
 */
@QuarkusTest
@TestProfile(WriteAheadProfile.class)
class WriteAheadTest {

    @Inject
    HoldableFsync fsync;

    @TestHTTPResource("/")
    URI root;

    @AfterEach
    void releaseAnything() {
        fsync.release();
    }

    @Test
    void aChunkWrittenButNotYetForcedIsSentToNobodyUntilItsFsyncReturns() throws Exception {
        String cid = JournalFiles.newId("held");
        String prompt = "hold me #chunks=30 #delay-ms=20";
        try (RawSseClient client = RawSseClient.startTurn(root, cid, prompt)) {
            assertEquals("turn", client.next().event());
            List<SseEvent> before = client.readChunks(3);
            fsync.holdNext();
            assertTrue(fsync.awaitHeld(10), "no fsync came to hold");

            // An fsync is held: the chunk it covers is in the file, yet it may not be handed to the client, nor may
            // anything after it (those wait in the conversation's queue behind the fsync). Chunks forced before
            // the hold began may still arrive meanwhile.
            int received = readQuietly(client, Duration.ofMillis(700), before.get(2).json().getInteger("seq"));
            int onDisk = chunksOnDisk(cid);
            assertTrue(onDisk > received, "a chunk written but not forced was sent: received " + received
                    + ", on disk " + onDisk);

            fsync.release();
            List<SseEvent> rest = client.rest();
            assertEquals("end", rest.get(rest.size() - 1).event(), rest.toString());
            assertEquals(30 - received, rest.stream().filter(e -> "chunk".equals(e.event())).count());
        }
    }

    @Test
    void aStopWhoseRecordIsNotForcedInTimeIsAnswered202AndTakesEffect() throws Exception {
        String cid = JournalFiles.newId("held-stop");
        try (RawSseClient client = RawSseClient.startTurn(root, cid, "stop me #chunks=2000 #delay-ms=20")) {
            client.next();
            SseEvent third = client.readChunks(3).get(2);
            fsync.holdNext();
            assertTrue(fsync.awaitHeld(10));
            // the aborted record waits behind the held fsync: the stop is decided but not journaled in 2 s
            given().contentType("application/json").header("Last-Event-ID", third.id())
                    .post(root.resolve("/api/conversations/" + cid
                            + "/turns/1/stop"))
                    .then().statusCode(202);
            fsync.release();
            List<SseEvent> rest = client.rest();
            SseEvent last = rest.get(rest.size() - 1);
            assertEquals("interrupted", last.event(), rest.toString());
            assertEquals(3, last.json().getInteger("chunks"));
        }
        JsonObject aborted = JournalFiles.records(cid).stream().filter(r -> "aborted".equals(r.getString("type")))
                .findFirst().orElseThrow();
        assertEquals("user_stop", aborted.getString("reason"));
        assertEquals(3, aborted.getInteger("delivered"));
    }

    /** Chunk records in the journal file as bytes on disk, forced or not: what a reader of the file would find. */
    private static int chunksOnDisk(String cid) throws IOException {
        Path file = Path.of(WriteAheadProfile.DIR).resolve(cid + ".jsonl");
        if (!Files.exists(file)) {
            return 0;
        }
        return (int) new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("{\"type\":\"chunk\"")).count();
    }

    /** Reads chunks until {@code quiet} passes with none; the seq of the last one, or {@code last} if none came. */
    private static int readQuietly(RawSseClient client, Duration quiet, int last) throws IOException {
        client.setReadTimeout(quiet);
        try {
            while (true) {
                SseEvent event = client.next();
                if (event != null && "chunk".equals(event.event())) {
                    last = event.json().getInteger("seq");
                }
            }
        } catch (SocketTimeoutException quietNow) {
            return last;
        } finally {
            client.setReadTimeout(Duration.ofSeconds(30));
        }
    }
}
