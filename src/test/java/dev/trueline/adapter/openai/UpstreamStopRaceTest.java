package dev.trueline.adapter.openai;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.trueline.adapter.upstream.FakeUpstream;
import dev.trueline.adapter.upstream.FakeUpstream.Reply;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.JournalInvariants;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * Stops race a real HTTP upstream that writes a chunk every millisecond: the stop arrives on one event loop while
 * the upstream's chunks arrive on another. Cancelling the upstream takes its SSE client's lock, and delivering a
 * chunk holds that same lock while it waits for the turn; a turn that cancelled under its own lock would freeze both
 * event loops. Every turn must end {@code aborted}, once (I3), and its upstream connection must close (I5).
 */
@QuarkusTest
@TestProfile(OpenAiProfile.class)
class UpstreamStopRaceTest {

    private static final OpenAiWire WIRE = new OpenAiWire();
    /**
     * The upstream's chunks, one a millisecond: long enough that a turn still runs when its Stop comes however
     * loaded the machine (at 2,000, a machine at a load of 10 delivered the first chunks so late that some turns had
     * ended and their Stop rightly answered 409). A stopped turn's upstream closes after a few of them.
     */
    private static final int UPSTREAM_CHUNKS = 20_000;

    /** Injected by the profile's test resource. */
    FakeUpstream upstream;

    @TestHTTPResource("/")
    URI trueline;

    @Test
    void sixtyStopsWhileTheUpstreamStreamsEndEveryTurnAndCloseEveryUpstream() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> stopped = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int after = 1 + i % 5;
                stopped.add(pool.submit(() -> stopAfter(after)));
            }
            for (Future<String> turn : stopped) {
                String[] cidAndMarker = turn.get(30, TimeUnit.SECONDS).split(" ");
                JsonObject terminal = JournalInvariants.check(JournalFiles.records(cidAndMarker[0]), 1, List.of());
                assertTrue("aborted".equals(terminal.getString("type")), terminal.toString());
                FakeUpstream.Received request = upstream.received(cidAndMarker[1]).get(0);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> request.closedAtNanos() != 0);
                assertTrue(request.writes() < UPSTREAM_CHUNKS, "the upstream ran to its end: " + request.writes());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Starts a turn, reads {@code after} chunks, stops it at the last one read, reads to the end. */
    private String stopAfter(int after) throws Exception {
        String name = "race-" + UUID.randomUUID().toString().substring(0, 8);
        upstream.script(name, Reply.sse().write(WIRE.start()).every(1, UPSTREAM_CHUNKS, WIRE.text("t ")).write(WIRE.finish())
                .end());
        String cid = JournalFiles.newId("upstream-race");
        try (RawSseClient client = RawSseClient.startTurn(trueline, cid, "Race [[" + name + "]]")) {
            client.setReadTimeout(Duration.ofSeconds(20));
            String lastId = null;
            while (lastId == null || after-- > 0) {
                SseEvent event = client.next();
                if ("chunk".equals(event.event())) {
                    lastId = event.id();
                }
            }
            int status = given().contentType("application/json").header("Last-Event-ID", lastId)
                    .post(trueline.resolve("/api/conversations/" + cid + "/turns/1/stop")).statusCode();
            assertTrue(status == 204, cid + ": stop answered " + status);
            client.rest();
        }
        return cid + " " + name;
    }
}
