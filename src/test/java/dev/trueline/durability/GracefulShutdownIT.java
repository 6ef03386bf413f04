package dev.trueline.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.trueline.journal.AbortedRecord;
import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.JournalCodec;
import dev.trueline.journal.JournalContents;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.TerminalRecord;
import dev.trueline.testing.AppProcess;
import dev.trueline.testing.RawSseClient;

/**
 * SIGTERM with running turns, on the packaged app: every turn ends with {@code aborted}/{@code shutdown} and its
 * counts, every client gets an {@code error} event {@code shutting_down} before its stream ends, and the process
 * exits within {@code quarkus.shutdown.timeout}. On the file journal here; {@link GracefulShutdownOnRedisIT} runs it on
 * Redis.
 */
class GracefulShutdownIT {

    private static final int STREAMS = 10;
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Test
    void sigtermEndsEveryRunningTurnWithAnAbortedRecordAndAnErrorEvent() throws Exception {
        Path dir = Files.createTempDirectory("trueline-sigterm-");
        AppProcess app = null;
        List<RawSseClient> streams = new ArrayList<>();
        try {
            // answers longer than the prod cap of a #chunks= directive, so that every turn still runs at SIGTERM
            Map<String, String> config = new HashMap<>(backend());
            config.put("quarkus.shutdown.timeout", SHUTDOWN_TIMEOUT.toSeconds() + "s");
            config.put("trueline.adapter.scripted.max-chunks", "5000");
            app = AppProcess.start(dir, config, Path.of("target", getClass().getSimpleName(), "app.log"));
            for (int i = 0; i < STREAMS; i++) {
                streams.add(RawSseClient.streamTurn(app.uri("/"), "sigterm-" + i, "long answer " + i
                        + " #chunks=5000 #delay-ms=10"));
            }
            Instant deadline = Instant.now().plus(PATIENCE);
            while (!streams.stream().allMatch(s -> s.chunks().size() >= 3) && Instant.now().isBefore(deadline)) {
                Thread.sleep(10);
            }

            Duration exit = app.terminate(SHUTDOWN_TIMEOUT);
            assertNotNull(exit, "the process did not exit within quarkus.shutdown.timeout=" + SHUTDOWN_TIMEOUT);

            Path journal = journalAfterExit(dir);
            for (int i = 0; i < STREAMS; i++) {
                RawSseClient client = streams.get(i);
                assertTrue(client.await(PATIENCE));
                assertEquals("error", client.last().event(), "sigterm-" + i + ": " + client.last());
                assertEquals("shutting_down", client.last().json().getString("code"));
                assertTrue(client.endedCleanly(), "sigterm-" + i + ": the stream was reset, not ended");

                JournalContents contents = JournalCodec.decode(Files.readAllBytes(journal.resolve("sigterm-" + i
                        + ".jsonl")));
                List<JournalRecord> records = contents.records();
                List<TerminalRecord> terminals = records.stream().filter(r -> r instanceof TerminalRecord)
                        .map(r -> (TerminalRecord) r).toList();
                assertEquals(1, terminals.size(), "sigterm-" + i + ": " + terminals);
                AbortedRecord aborted = (AbortedRecord) terminals.get(0);
                assertEquals(AbortedRecord.SHUTDOWN, aborted.reason());
                long chunks = records.stream().filter(r -> r instanceof ChunkRecord).count();
                assertEquals(chunks, aborted.journaled());
                // I6: delivered is an upper bound of what the client got, journaled of what was delivered (I3).
                int received = client.chunks().size();
                assertTrue(received <= aborted.delivered() && aborted.delivered() <= aborted.journaled(),
                        "received " + received + ", " + aborted);
                assertEquals(records.get(records.size() - 1), aborted, "a record after the terminal one");
            }
        } finally {
            streams.forEach(RawSseClient::closeQuietly);
            if (app != null) {
                app.close();
            }
        }
    }

    /** The application's journal backend settings: none here, the file journal in the directory given. */
    protected Map<String, String> backend() {
        return Map.of();
    }

    /** Where the journal is in the file format once the process exited: the file journal's own directory here. */
    protected Path journalAfterExit(Path dir) throws Exception {
        return dir;
    }
}
