package dev.trueline.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.trueline.adapter.scripted.ScriptedReply;
import dev.trueline.testing.JournalInvariants;
import dev.trueline.testing.SseEvent;
import io.vertx.core.json.JsonObject;

/**
 * The replicas tests' load: {@code turns} new conversations, {@code parallel} at a time, each one turn of
 * {@value #CHUNKS} chunks whose client is cut twice at points drawn from a seeded random and resumes with
 * {@code Last-Event-ID} ({@link CutTurn}), all through one load balancer. Bounded: it fails after
 * {@link #BOUND} rather than wait on.
 */
final class CutTurnLoad {

    static final int CHUNKS = 40;
    static final int DELAY_MS = 25;
    static final Duration BOUND = Duration.ofSeconds(120);

    private CutTurnLoad() {
    }

    /** The prompt of load turn {@code i}: its own words (so each answer is its own text), a second of chunks. */
    static String prompt(int i) {
        return "Load turn " + i + " across the replicas #chunks=" + CHUNKS + " #delay-ms=" + DELAY_MS;
    }

    static List<CutTurn> run(URI root, String prefix, int turns, int parallel, long seed) throws Exception {
        Random random = new Random(seed);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<CutTurn>> running = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            String cid = prefix + "-" + i;
            String prompt = prompt(i);
            int first = 1 + random.nextInt(CHUNKS / 3);
            int second = 1 + random.nextInt(CHUNKS / 3);
            boolean reset = random.nextBoolean();
            running.add(pool.submit(() -> CutTurn.run(root, cid, prompt, first, second, reset)));
        }
        pool.shutdown();
        if (!pool.awaitTermination(BOUND.toSeconds(), TimeUnit.SECONDS)) {
            pool.shutdownNow();
            throw new AssertionError("the load did not finish within " + BOUND);
        }
        List<CutTurn> done = new ArrayList<>();
        for (Future<CutTurn> f : running) {
            done.add(f.get());
        }
        return done;
    }

    /**
     * The reply is whole, with no duplicate and no gap: chunks 1..{@value #CHUNKS} exactly once each, in order,
     * across the three responses, their text the model's answer, then {@code end}; and the journal agrees (I1-I3).
     */
    static void checkWhole(CutTurn turn, List<JsonObject> journal) {
        List<SseEvent> chunks = turn.chunks();
        List<Integer> seqs = chunks.stream().map(c -> c.json().getInteger("seq")).toList();
        List<Integer> expected = new ArrayList<>();
        for (int s = 1; s <= CHUNKS; s++) {
            expected.add(s);
        }
        assertEquals(expected, seqs, turn.conversation() + ": the chunks received, over three responses");
        List<String> texts = chunks.stream().map(c -> c.json().getString("text")).toList();
        assertEquals(ScriptedReply.text(turn.prompt(), CHUNKS), String.join("", texts), turn.conversation());
        assertEquals("end", turn.last().event(), turn.conversation() + ": " + turn.last());
        assertEquals(CHUNKS, turn.last().json().getInteger("chunks"), turn.conversation());
        assertEquals("end", JournalInvariants.check(journal, 1, texts).getString("type"), turn.conversation());
    }
}
