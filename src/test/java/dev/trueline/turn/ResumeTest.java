package dev.trueline.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.trueline.adapter.scripted.ScriptedReply;
import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.JournalInvariants;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * A client reads some chunks, its connection is reset, it resumes with the {@code Last-Event-ID} of the last event it
 * received: across every drop the chunks it got are the whole reply, once each, in order. Real sockets, real resets,
 * the real journal; the model runs on while nobody follows (a grace long enough for a resume).
 */
@QuarkusTest
@TestProfile(ResumeTest.Grace.class)
class ResumeTest {

    /** A grace no resume here comes near: the turns always run to their end. */
    public static class Grace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("trueline.turn.reconnect-grace", "20s", "trueline.journal.dir", "target/journal-resume-test");
        }
    }

    @TestHTTPResource("/")
    URI root;

    @Test
    void dropsAtTheStartInTheMiddleAtTheEndAndAfterTheEndLoseNothingAndRepeatNothing() throws Exception {
        int n = 20;
        // at the start (the turn event only), in the middle, at the last chunk, after the end event
        for (int[] drops : List.of(new int[] { 0 }, new int[] { 7 }, new int[] { n }, new int[] { n + 1 },
                new int[] { 0, 0, 3, 3, 19 })) {
            Outcome outcome = new Case(root, n, 3, 0, drops, false).run();
            outcome.assertWhole();
        }
    }

    @Test
    void aResumeNamingTheEndGets204AndNothingElse() throws Exception {
        Outcome outcome = new Case(root, 5, 1, 0, new int[] { 6 }, false).run();
        outcome.assertWhole();
        assertEquals(List.of(200, 204), outcome.statuses(), "the drop came after the end event");
    }

    @Test
    void dropsWhileTheModelPausesBetweenChunks() throws Exception {
        Outcome outcome = new Case(root, 8, 150, 400, new int[] { 2, 4, 5 }, false).run();
        outcome.assertWhole();
    }

    /** The property: many turns, random sizes, pacing and drop points, several drops per turn, header or ?after. */
    @Test
    void twoHundredRandomTurnsWithSeveralDropsEachAreAllWhole() throws Exception {
        Random random = new Random(20261201L);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = 1 + random.nextInt(40);
            int delay = List.of(0, 1, 2, 5, 15).get(random.nextInt(5));
            int drops = 1 + random.nextInt(4);
            int[] points = new int[drops];
            for (int d = 0; d < drops; d++) {
                points[d] = random.nextInt(n + 2); // up to one past the end event
            }
            cases.add(new Case(root, n, delay, 0, points, random.nextBoolean()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Outcome>> running = new ArrayList<>();
            for (Case c : cases) {
                running.add(pool.submit(c::run));
            }
            for (Future<Outcome> outcome : running) {
                outcome.get(120, TimeUnit.SECONDS).assertWhole();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One turn of {@code n} chunks {@code delay} ms apart; the client drops after reading {@code drops[i]} more
     * chunk events each time (0: right after the next event it reads; past the end: after the end event), then
     * resumes from the last id it received.
     */
    private record Case(URI root, int n, int delay, int pause, int[] drops, boolean useQuery) {

        Outcome run() throws Exception {
            String cid = JournalFiles.newId("resume");
            String prompt = "resume me #chunks=" + n + " #delay-ms=" + delay + (pause > 0 ? " #pause-ms=" + pause : "");
            List<SseEvent> received = new ArrayList<>();
            List<Integer> statuses = new ArrayList<>();
            RawSseClient client = RawSseClient.post(root.resolve("/api/conversations/" + cid + "/turns"),
                    new JsonObject().put("prompt", prompt).encode());
            statuses.add(client.status());
            String lastId = null;
            int drop = 0;
            while (true) {
                int wanted = drop < drops.length ? drops[drop] : Integer.MAX_VALUE;
                int chunks = 0;
                SseEvent terminal = null;
                while (true) {
                    SseEvent event = client.next();
                    if (event == null) {
                        break; // the server ended the response after its terminal event
                    }
                    received.add(event);
                    lastId = event.id();
                    if (event.id() != null && event.id().endsWith(":end")) {
                        terminal = event;
                    }
                    if ("chunk".equals(event.event())) {
                        chunks++;
                    }
                    if (terminal != null || chunks >= wanted && wanted <= n) {
                        break;
                    }
                }
                if (terminal != null && drop >= drops.length) {
                    client.close();
                    break;
                }
                client.reset();
                drop++;
                URI events = root.resolve("/api/conversations/" + cid + "/turns/1/events"
                        + (useQuery && lastId != null && !lastId.endsWith(":end")
                                ? "?after=" + lastId.substring(lastId.indexOf(':') + 1)
                                : ""));
                client = RawSseClient.resume(events, useQuery && lastId != null && !lastId.endsWith(":end") ? null
                        : lastId);
                statuses.add(client.status());
                if (client.status() == 204) {
                    client.close();
                    break; // it had everything: the terminal event was the last it received
                }
            }
            return new Outcome(cid, prompt, n, received, statuses);
        }
    }

    private record Outcome(String cid, String prompt, int n, List<SseEvent> received, List<Integer> statuses) {

        void assertWhole() {
            String context = cid + " " + prompt + ", statuses " + statuses + ", events " + received;
            assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 204), context);
            List<SseEvent> chunks = received.stream().filter(e -> "chunk".equals(e.event())).toList();
            // no gap, no repeat: seq 1..n exactly once, in order, with ids <turn>:<seq>
            assertEquals(n, chunks.size(), context);
            for (int i = 0; i < n; i++) {
                assertEquals(i + 1, chunks.get(i).json().getInteger("seq"), context);
                assertEquals("1:" + (i + 1), chunks.get(i).id(), context);
            }
            assertEquals(String.join("", ScriptedReply.chunks(prompt, n)),
                    chunks.stream().map(c -> c.json().getString("text")).collect(Collectors.joining()), context);
            SseEvent end = received.stream().filter(e -> "end".equals(e.event())).findFirst().orElse(null);
            assertNotNull(end, context);
            assertEquals(1, received.stream().filter(e -> "end".equals(e.event())).count(), "one end event: " + context);
            assertEquals(1, received.stream().filter(e -> e.id() != null && e.id().endsWith(":end")).count(),
                    "one terminal event in all, whatever the drops: " + context);
            assertEquals("1:end", end.id());
            assertEquals(1, received.stream().filter(e -> "turn".equals(e.event())).count(), context);

            List<JsonObject> journal = JournalFiles.records(cid);
            JsonObject terminal = JournalInvariants.check(journal, 1,
                    chunks.stream().map(c -> c.json().getString("text")).toList());
            assertEquals("end", terminal.getString("type"), context);
        }
    }
}
