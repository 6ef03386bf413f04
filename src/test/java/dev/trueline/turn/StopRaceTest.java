package dev.trueline.turn;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.JournalInvariants;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

/**
 * Stop races the model: 200 turns stopped at random points, some while a chunk is on its way. Every one ends with
 * exactly one terminal record and no chunk after it (I3), and the log has no ERROR, nor a warning of Trueline's: a
 * chunk that arrives after the stop is dropped, never even offered to the journal after the {@code aborted} record.
 */
@QuarkusTest
class StopRaceTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void twoHundredStopsAtRandomPointsLogNoErrorAndCloseEveryTurnOnce() throws Exception {
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler captor = new Handler() {
            @Override
            public void publish(LogRecord record) {
                // an ERROR anywhere, or a WARN of Trueline's own: a stop is not a failure of anything
                boolean ours = record.getLoggerName() != null && record.getLoggerName().startsWith("dev.trueline");
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()
                        || ours && record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(captor);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            Random random = new Random(42);
            List<Future<String>> stopped = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int after = random.nextInt(12);
                int delay = 1 + random.nextInt(4);
                stopped.add(pool.submit(() -> stopAfter(after, delay)));
            }
            for (Future<String> cid : stopped) {
                String id = cid.get(60, TimeUnit.SECONDS);
                List<JsonObject> records = JournalFiles.records(id);
                JsonObject terminal = JournalInvariants.check(records, 1, List.of());
                assertTrue(List.of("aborted", "end").contains(terminal.getString("type")), terminal.toString());
            }
        } finally {
            pool.shutdownNow();
            root.removeHandler(captor);
        }
        assertEquals(List.of(), errors.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList(),
                "no ERROR, no warning of Trueline's, while stops race the model");
    }

    /** Starts a turn, reads {@code after} chunks, stops it at the last one read, and reads to the end. */
    private String stopAfter(int after, int delay) throws Exception {
        String cid = JournalFiles.newId("race");
        try (RawSseClient client = RawSseClient.startTurn(this.root, cid, "race #chunks=30 #delay-ms=" + delay)) {
            client.next();
            String lastId = "1:0";
            for (int i = 0; i < after; i++) {
                SseEvent event = client.next();
                if (event == null || !"chunk".equals(event.event())) {
                    break;
                }
                lastId = event.id();
            }
            int status = given().contentType("application/json").header("Last-Event-ID", lastId)
                    .post(this.root.resolve("/api/conversations/" + cid + "/turns/1/stop")).statusCode();
            assertTrue(status == 204 || status == 409, cid + ": stop answered " + status);
            client.rest();
        }
        return cid;
    }
}
