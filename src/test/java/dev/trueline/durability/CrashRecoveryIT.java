package dev.trueline.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationRecord;
import dev.trueline.journal.JournalCodec;
import dev.trueline.journal.JournalContents;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.TerminalRecord;
import dev.trueline.journal.UserRecord;
import dev.trueline.testing.AppProcess;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;

/**
 * Kill -9 under load, on the packaged app: 50 streams over real sockets, SIGKILL mid-stream at a chosen point,
 * restart on the same journal directory, then for every conversation: everything its client received is journaled
 * in order (I1, I2), the file parses whole, the transcript is healed ({@code interrupted}/{@code server_stopped},
 * I4) and a new turn works. One file is also given a torn last line while the app is down (what a power loss
 * leaves), which the startup scan must cut and log once.
 */
class CrashRecoveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STREAMS = 50;
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** Answers longer than the prod cap of a {@code #chunks=} directive, so that no stream ends before the kill. */
    private static final Map<String, String> LONG_ANSWERS = Map.of("trueline.adapter.scripted.max-chunks", "3000");

    /** Kill points: total chunks received by all clients together before the SIGKILL. */
    @ParameterizedTest(name = "SIGKILL after {0} chunks received in total")
    @ValueSource(ints = { 1, 600, 3000 })
    void everythingAClientReceivedSurvivesKillMinus9(int killAfterChunks) throws Exception {
        Path dir = Files.createTempDirectory("trueline-crash-");
        Path logs = Path.of("target", "crash-recovery-it");
        AppProcess first = null;
        AppProcess second = null;
        List<RawSseClient> streams = new ArrayList<>();
        try {
            first = AppProcess.start(dir, LONG_ANSWERS, logs.resolve("kill-after-" + killAfterChunks + "-first.log"));
            for (int i = 0; i < STREAMS; i++) {
                // Long enough that no stream can finish before the kill: 3000 chunks at >= 4 ms each.
                streams.add(RawSseClient.streamTurn(first.uri("/"), cid(killAfterChunks, i), "crash " + i
                        + " #chunks=3000 #delay-ms=4"));
            }
            Instant deadline = Instant.now().plus(PATIENCE);
            while (received(streams) < killAfterChunks && Instant.now().isBefore(deadline)) {
                Thread.sleep(5);
            }
            assertTrue(received(streams) >= killAfterChunks, "clients received only " + received(streams));
            assertTrue(streams.stream().noneMatch(RawSseClient::isFinished), "a stream ended before the kill");

            int receivedAtKill = received(streams);
            first.kill();
            assertEquals(137, first.process().exitValue(), "exit status of SIGKILL (128 + 9)");
            for (RawSseClient s : streams) {
                assertTrue(s.await(PATIENCE), "a client never noticed the dead server");
                assertFalse(s.endedCleanly(), "a stream ended cleanly although the server was killed");
            }

            // A power loss can leave half a line behind; a kill -9 cannot (write(2) is not interrupted), so add one.
            Path torn = dir.resolve(cid(killAfterChunks, 0) + ".jsonl");
            byte[] half = "{\"type\":\"chunk\",\"turn\":1,\"seq\":999999,\"te".getBytes(StandardCharsets.UTF_8);
            Files.write(torn, half, StandardOpenOption.APPEND);

            second = AppProcess.start(dir, LONG_ANSWERS, logs.resolve("kill-after-" + killAfterChunks + "-second.log"));
            int journaled = 0;
            for (int i = 0; i < STREAMS; i++) {
                journaled += checkConversation(second, cid(killAfterChunks, i), streams.get(i));
            }
            System.out.printf("kill -9 after %d chunks: clients had %d (%d after the kill signal), journal %d%n",
                    killAfterChunks, receivedAtKill, received(streams), journaled);
            String log = second.output();
            Matcher cut = Pattern.compile("journal (\\S+): cut a torn last line of (\\d+) bytes").matcher(log);
            assertTrue(cut.find(), "the startup scan did not log the torn tail it cut");
            assertEquals(torn.toAbsolutePath().toString(), cut.group(1));
            assertEquals(half.length, Integer.parseInt(cut.group(2)));
            assertFalse(cut.find(), "a torn tail was logged twice: " + log);
        } finally {
            streams.forEach(RawSseClient::closeQuietly);
            if (first != null) {
                first.close();
            }
            if (second != null) {
                second.close();
            }
        }
    }

    /** Checks one conversation after the restart; returns the chunks its killed turn had journaled. */
    private static int checkConversation(AppProcess app, String cid, RawSseClient client) throws Exception {
        List<SseEvent> got = client.chunks();

        // The file parses whole: every torn tail was cut and recorded by the startup scan.
        byte[] raw = app.get("/api/conversations/" + cid + "/journal").body().getBytes(StandardCharsets.UTF_8);
        JournalContents contents = JournalCodec.decode(raw);
        assertEquals(List.of(), contents.repairs(), cid + ": the journal does not parse whole");
        List<JournalRecord> records = contents.records();
        assertTrue(records.get(0) instanceof ConversationRecord, cid + ": no header");
        assertTrue(records.get(1) instanceof UserRecord user && user.turn() == 1, cid + ": no prompt");
        List<ChunkRecord> journaled = records.stream().filter(r -> r instanceof ChunkRecord)
                .map(r -> (ChunkRecord) r).toList();
        assertTrue(records.stream().noneMatch(r -> r instanceof TerminalRecord), cid + ": a turn that was killed "
                + "mid-stream has a terminal record");

        // I2: seq 1..n without gap or repeat. I1: what the client received is that prefix, chunk for chunk.
        for (int i = 0; i < journaled.size(); i++) {
            assertEquals(i + 1, journaled.get(i).seq(), cid + ": journal out of order");
        }
        assertTrue(got.size() <= journaled.size(), cid + ": client got " + got.size() + " chunks, journal has "
                + journaled.size());
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < got.size(); i++) {
            JsonNode data = JSON.readTree(got.get(i).data());
            assertEquals(i + 1, data.get("seq").asInt(), cid + ": client received out of order");
            assertEquals(journaled.get(i).text(), data.get("text").asText(), cid + ": chunk " + (i + 1) + " differs");
            seen.append(data.get("text").asText());
        }

        // I4: healed as a turn the server stopped, showing what was journaled.
        JsonNode transcript = JSON.readTree(app.get("/api/conversations/" + cid).body());
        JsonNode answer = transcript.get("messages").get(1);
        assertEquals("interrupted", answer.get("status").asText(), cid + ": " + answer);
        assertEquals("server_stopped", answer.get("reason").asText(), cid + ": " + answer);
        assertTrue(answer.get("text").asText().startsWith(seen.toString()), cid + ": transcript lost received text");
        assertEquals(journaled.size(), answer.get("chunks").asInt());

        // Numbering continues and a new turn runs to its end.
        RawSseClient next = RawSseClient.streamTurn(app.uri("/"), cid, "after the crash #chunks=3 #delay-ms=1");
        assertTrue(next.await(PATIENCE), cid + ": the new turn did not finish");
        assertEquals(200, next.status(), next.errorBody());
        assertNotNull(next.last());
        assertEquals("end", next.last().event(), cid + ": " + next.received());
        assertEquals(2, next.last().json().getInteger("turn"));
        assertEquals(3, next.chunks().size());
        JsonNode after = JSON.readTree(app.get("/api/conversations/" + cid).body());
        assertEquals(4, after.get("messages").size());
        assertEquals("complete", after.get("messages").get(3).get("status").asText());
        return journaled.size();
    }

    private static int received(List<RawSseClient> streams) {
        return streams.stream().mapToInt(s -> s.chunks().size()).sum();
    }

    private static String cid(int killPoint, int i) {
        return "crash-" + killPoint + "-" + i;
    }
}
