package dev.trueline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.SyncMode;
import dev.trueline.journal.UserRecord;
import dev.trueline.journal.file.Fsync;
import dev.trueline.journal.file.JsonlJournal;
import dev.trueline.journal.file.TestJournalConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * JMH: chunk records per second through the journal's append path ({@code bench/run.sh jmh}), one conversation's
 * open turn, in each sync mode. Each operation is a burst of {@value #BURST} chunks submitted at once, as a turn
 * submits a chunk's append as soon as the model produced it, then awaited: {@code none} and {@code interval} write
 * to the OS only, {@code always} waits for fsyncs that group-commit the burst, and {@code always-per-record}, the
 * naive baseline, awaits each append (one fsync per record) before submitting the next. Only the journal's public
 * API is used, so the benchmark survives a rewrite of its internals. The files go under {@code target/} (the
 * project's disk), since fsync on a tmpfs would measure nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JournalAppendBenchmark {

    static final int BURST = 32;

    @Param({ "none", "interval", "always", "always-per-record" })
    public String mode;

    private JsonlJournal journal;
    private ConversationId conversation;
    private int seq;
    private int conversations;

    @Setup(Level.Trial)
    public void openJournal() throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "jmh-journal")), mode + "-");
        SyncMode sync = mode.startsWith("always") ? SyncMode.ALWAYS : SyncMode.valueOf(mode.toUpperCase());
        journal = new JsonlJournal(TestJournalConfig.of(dir, sync), new SimpleMeterRegistry(), Fsync.FORCE);
    }

    /** A fresh conversation per iteration, so a file never grows past one iteration's records. */
    @Setup(Level.Iteration)
    public void openTurn() {
        conversation = ConversationId.of("jmh-" + (++conversations));
        seq = 0;
        journal.append(conversation, new UserRecord(1, JournalRecord.now(), "bench", "scripted", "scripted-1"))
                .await().atMost(Duration.ofSeconds(30));
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public void appendBurst() {
        if (mode.equals("always-per-record")) {
            for (int i = 0; i < BURST; i++) {
                journal.append(conversation, chunk()).await().atMost(Duration.ofSeconds(30));
            }
            return;
        }
        CompletableFuture<?>[] burst = new CompletableFuture<?>[BURST];
        for (int i = 0; i < BURST; i++) {
            burst[i] = journal.append(conversation, chunk()).subscribeAsCompletionStage();
        }
        CompletableFuture.allOf(burst).join();
    }

    private ChunkRecord chunk() {
        return new ChunkRecord(1, ++seq, "t" + seq + ":xxxxxxxxxxxxxxxxxx".substring(0, 12));
    }
}
