package dev.trueline.turn;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import dev.trueline.testing.JournalFiles;
import dev.trueline.testing.RawSseClient;
import dev.trueline.testing.SseEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A follower that stops reading (a small TCP window, nothing read) during a long, fast turn: the model, and another
 * follower of the same turn, go on to the end without waiting for it, and it holds no more than a bounded buffer:
 * with 20,000 chunks of 1,000 characters (20 MB of answer) the heap stays within a few megabytes of where it was.
 * When it reads again it gets every chunk, from the journal.
 */
@QuarkusTest
@TestProfile(SlowFollowerTest.BigChunks.class)
class SlowFollowerTest {

    private static final Logger LOG = Logger.getLogger(SlowFollowerTest.class);
    private static final int CHUNKS = 20_000;

    /** Big chunks, so a follower that buffered the answer would show in the heap; sync none, for speed. */
    public static class BigChunks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("trueline.adapter.scripted.chunk-chars", "1000", "trueline.journal.sync", "none",
                    "trueline.journal.dir", "target/journal-slow-follower-test",
                    "trueline.turn.reconnect-grace", "60s");
        }
    }

    @TestHTTPResource("/")
    URI root;

    @Test
    void aFollowerThatStopsReadingSlowsNobodyAndHoldsABoundedBuffer() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedHeapAfterGc(memory);

        String cid = JournalFiles.newId("slow");
        // a pause before the flood, so that both followers are on the live end when it starts
        try (RawSseClient fast = RawSseClient.startTurn(root, cid, "flood #pause-ms=1500 #chunks=" + CHUNKS
                + " #delay-ms=0")) {
            assertEquals("turn", fast.next().event());
            // the slow one: a 4 KiB receive window, and after the turn event it reads nothing
            RawSseClient slow = RawSseClient.resume(root.resolve("/api/conversations/" + cid + "/turns/1/events"), null,
                    4096);
            assertEquals(200, slow.status());
            assertEquals("turn", slow.next().event());

            // the other follower reads to the end, and the model journals its end, while the slow one never read
            // (counted, not kept: this test's own heap is the app's, and 20 MB of events would hide what it measures)
            int chunks = 0;
            SseEvent last = null;
            for (SseEvent e = fast.next(); e != null; e = fast.next()) {
                chunks += "chunk".equals(e.event()) ? 1 : 0;
                last = e;
            }
            assertEquals("end", last.event());
            assertEquals(CHUNKS, chunks);
            await().atMost(Duration.ofSeconds(60)).until(() -> JournalFiles.records(cid).stream()
                    .anyMatch(r -> "end".equals(r.getString("type"))));

            long during = usedHeapAfterGc(memory);
            LOG.infof("heap used: %d MiB before the turn, %d MiB with a stalled follower of its 20 MB answer",
                    before >> 20, during >> 20);
            assertTrue(during - before < 12L * 1024 * 1024, "the stalled follower holds "
                    + ((during - before) >> 20) + " MiB: its buffer is not bounded");

            // reading again, it gets every chunk exactly once, in order, and the end
            int expected = 1;
            SseEvent end = null;
            for (SseEvent e = slow.next(); e != null; e = slow.next()) {
                if ("chunk".equals(e.event())) {
                    assertEquals(expected++, e.json().getInteger("seq"));
                }
                end = e;
            }
            slow.close();
            assertEquals(CHUNKS + 1, expected);
            assertEquals("end", end.event());
        }
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
