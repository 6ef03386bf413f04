package dev.trueline.journal.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationLease;
import dev.trueline.journal.ConversationRecord;
import dev.trueline.journal.InvalidConversationIdException;
import dev.trueline.journal.Journal;
import dev.trueline.journal.JournalConfig;
import dev.trueline.journal.JournalContents;
import dev.trueline.journal.JournalMetrics;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.JournalUnavailableException;
import dev.trueline.journal.LeasePurpose;
import dev.trueline.journal.LocalLeases;
import dev.trueline.journal.SyncMode;
import dev.trueline.journal.TurnFollow;
import dev.trueline.journal.TurnPage;
import dev.trueline.journal.TurnTails;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The journal as one JSONL file per conversation under {@code trueline.journal.dir}. Each conversation has its
 * own ordered queue ({@link SerialExecutor}) over a small dedicated I/O pool, so records of one conversation are
 * written in the order they were submitted and no file I/O ever runs on an event loop. Records are forced to the
 * device as {@code trueline.journal.sync} says ({@link SyncMode}); on startup every file's tail is checked.
 * <p>
 * A conversation is held in memory only while it has something to remember: queued or running I/O, an open turn,
 * an open file or records its sync mode has yet to force. Once its queue runs dry without any of these it is
 * forgotten, and the next request for it starts afresh from its file, so reading many conversations, or ids that
 * do not exist, costs no memory afterwards.
 */
@ApplicationScoped
@Typed(JsonlJournal.class) // the application's Journal is JournalProducer's, this when trueline.journal.backend=file
public class JsonlJournal implements Journal {

    private static final Logger LOG = Logger.getLogger(JsonlJournal.class);
    private static final String SUFFIX = ".jsonl";

    private final Path dir;
    private final SyncMode sync;
    private final ExecutorService pool;
    private final ScheduledExecutorService syncer;
    private final Fsync fsync;
    private final AtomicLong fsyncs = new AtomicLong();
    private final AtomicLong appends = new AtomicLong();
    private final JournalMetrics metrics;
    private final ConcurrentMap<ConversationId, Conversation> conversations = new ConcurrentHashMap<>();
    private final LocalLeases leases = new LocalLeases(this);
    private final TurnTails tails = new TurnTails();
    private final int followerBuffer;

    @Inject
    public JsonlJournal(JournalConfig config, MeterRegistry registry, Fsync force) {
        this(config, new JournalMetrics(registry), force);
    }

    /** A journal built by hand (tests, tools): its metrics go nowhere; {@code force} is the fsync to use. */
    JsonlJournal(JournalConfig config, Fsync force) {
        this(config, JournalMetrics.detached(), force);
    }

    private JsonlJournal(JournalConfig config, JournalMetrics metrics, Fsync force) {
        this.dir = Path.of(config.dir()).toAbsolutePath().normalize();
        this.sync = config.sync();
        this.metrics = metrics;
        this.followerBuffer = config.followerBuffer();
        this.pool = Executors.newFixedThreadPool(config.ioThreads(), threadFactory("trueline-journal-"));
        Fsync timed = force.timedIn(metrics);
        this.fsync = channel -> {
            timed.force(channel);
            fsyncs.incrementAndGet();
        };
        if (sync == SyncMode.INTERVAL) {
            Duration every = config.syncInterval();
            this.syncer = Executors.newSingleThreadScheduledExecutor(threadFactory("trueline-journal-sync-"));
            syncer.scheduleWithFixedDelay(
                    () -> conversations.keySet().forEach(id -> enqueue(id, Conversation::syncIfWritten, false)),
                    every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            this.syncer = null;
        }
    }

    @Override
    public Uni<Void> append(ConversationId id, JournalRecord record) {
        return Uni.createFrom().<Void> emitter(done -> {
            long submitted = System.nanoTime();
            enqueue(id, c -> c.append(record, written -> metrics.written(written, System.nanoTime() - submitted),
                    done), true);
        }).invoke(appends::incrementAndGet);
    }

    @Override
    public Uni<ConversationLease> lease(ConversationId id, LeasePurpose purpose) {
        return Uni.createFrom().item(() -> leases.acquire(id, purpose));
    }

    @Override
    public Uni<Optional<JournalContents>> read(ConversationId id) {
        // read on the queue, with the running turn looked up right after the records: a turn's prompt is appended
        // after its lease names the turn, and its lease released after its terminal record, so the two agree
        return onQueue(id, file -> file.read().map(contents -> contents.running(leases.runningTurn(id))));
    }

    @Override
    public Uni<TurnPage> readTurn(ConversationId id, int turn, int after, int limit) {
        return onQueue(id, file -> file.readTurn(turn, after, limit, -1));
    }

    @Override
    public Multi<JournalRecord> follow(ConversationId id, int turn, int after) {
        // on this queue nothing is published meanwhile: a page that reads to the end joins the tail where it ends
        return new TurnFollow(id, turn, after, (from, cursor) -> onQueue(id, file -> TurnFollow.Read.of(
                file.readTurn(turn, from, followerBuffer, cursor), from, followerBuffer, tails.of(id, turn))))
                .records();
    }

    @Override
    public Uni<Optional<ConversationRecord>> header(ConversationId id) {
        return onQueue(id, ConversationFile::header);
    }

    @Override
    public Uni<Optional<byte[]>> readRaw(ConversationId id) {
        return onQueue(id, ConversationFile::readRaw);
    }

    @Override
    public Uni<List<ConversationId>> list() {
        return onPool(this::listNow);
    }

    @Override
    public Uni<Boolean> delete(ConversationId id) {
        return onQueue(id, ConversationFile::delete);
    }

    /** The journal directory, absolute. */
    public Path directory() {
        return dir;
    }

    /** Fsyncs of journal files since start: with group commit, fewer than the appends they covered. */
    public long fsyncs() {
        return fsyncs.get();
    }

    /**
     * Crash recovery on startup (I4): every file's torn tail is cut and logged now rather than on first touch.
     * The checks run on each conversation's queue, so a turn arriving meanwhile waits for its file's check. Called by
     * {@code JournalProducer} when this is the backend; returns at once, the checks go on in the background.
     */
    public void repairTailsAtStartup() {
        repairTails().subscribe().with(
                repaired -> {
                    if (repaired > 0) {
                        LOG.warnf("journal %s: startup scan cut torn tails off %d file(s)", dir, repaired);
                    }
                },
                failure -> LOG.errorf("journal %s: startup scan failed: %s", dir, failure.getMessage()));
    }

    /** Checks every conversation's tail; the number of files that had one cut off. */
    Uni<Long> repairTails() {
        return list().onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndMerge(id -> onQueue(id, file -> {
                    long cut = file.repairTail();
                    if (cut > 0 && sync != SyncMode.NONE) {
                        file.force(fsync);
                    }
                    return cut;
                }).onFailure().recoverWithItem(failure -> {
                    LOG.errorf("journal of %s: cannot check its tail: %s", id, failure.getMessage());
                    return 0L;
                }))
                .filter(cut -> cut > 0)
                .collect().with(java.util.stream.Collectors.counting());
    }

    @PreDestroy
    void shutdown() {
        if (syncer != null) {
            syncer.shutdownNow();
        }
        if (sync != SyncMode.NONE) {
            // What interval mode had not forced yet, and anything always mode still queues, reaches the device.
            try {
                Multi.createFrom().iterable(List.copyOf(conversations.keySet()))
                        .onItem().transformToUniAndMerge(id -> Uni.createFrom().<Void> emitter(done -> {
                            if (!enqueue(id, c -> c.forceNow(done), false)) {
                                done.complete(null); // forgotten meanwhile: it was idle, nothing to force
                            }
                        }).onFailure().recoverWithNull())
                        .collect().last().await().atMost(Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                LOG.errorf("journal %s: final fsync did not complete: %s", dir, e.getMessage());
            }
        }
        LOG.infof("journal %s: %d appends, %d fsyncs since start (sync=%s)", dir, appends.get(), fsyncs.get(),
                sync.name().toLowerCase());
        pool.shutdown(); // from now on a task queued for a conversation fails with JournalUnavailableException
        boolean terminated = false;
        try {
            terminated = pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!terminated) {
            // Closing a file under a running append could leave half a line; the OS closes them at exit.
            LOG.warnf("journal %s: I/O still running after 10s, files left for the OS to close", dir);
            return;
        }
        conversations.values().forEach(Conversation::close);
    }

    /** Conversations the journal currently holds state for; idle ones are forgotten. For tests. */
    int heldConversations() {
        return conversations.size();
    }

    private List<ConversationId> listNow() {
        IoThreadGuard.check();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(SUFFIX))
                    .map(name -> name.substring(0, name.length() - SUFFIX.length()))
                    .filter(ConversationId::isValid)
                    .map(ConversationId::of)
                    .toList();
        } catch (IOException e) {
            throw new JournalUnavailableException("cannot list journal directory " + dir + ": " + e, e);
        }
    }

    private <T> Uni<T> onQueue(ConversationId id, Conversation.IoTask<T> task) {
        return Uni.createFrom().emitter(done -> enqueue(id, c -> c.run(task, done), true));
    }

    /**
     * Queues the task {@code task} makes for the conversation, creating the conversation's entry if it has none and
     * {@code create} says so; false if nothing was queued. The task joins the queue under the map's lock for the id,
     * the same lock {@link #forgetIfIdle} checks idleness under: so an entry is never forgotten with a task on its
     * way, and a conversation never has two queues at once, which would reorder its records (I2). The queue is
     * started outside the lock, so a pool refusing the task never fails a caller while the lock is held.
     */
    private boolean enqueue(ConversationId id, Function<Conversation, SerialExecutor.Task> task, boolean create) {
        Conversation[] toStart = new Conversation[1];
        boolean[] queued = new boolean[1];
        // I2: the task joins the one queue of this conversation under the lock that also guards forgetting it
        conversations.compute(id, (key, held) -> {
            Conversation c = held != null ? held : create ? open(key) : null;
            SerialExecutor.Task t = c == null ? null : task.apply(c);
            if (t == null) {
                return held; // nothing to do: a conversation made just for it is not kept
            }
            queued[0] = true;
            if (c.queue().enqueue(t)) {
                toStart[0] = c;
            }
            return c;
        });
        if (toStart[0] != null) {
            toStart[0].queue().start();
        }
        return queued[0];
    }

    /**
     * Runs on the pool each time a conversation's queue runs dry: forgets the conversation if it holds nothing worth
     * keeping (no open turn, no open file, nothing left to force), so reads of random ids or long-finished
     * conversations do not pile up. Checked under the map's lock for the id, see {@link #enqueue}.
     */
    private void forgetIfIdle(ConversationId id) {
        conversations.computeIfPresent(id, (key, held) -> held.idle() ? null : held);
    }

    private <T> Uni<T> onPool(Callable<T> task) {
        return Uni.createFrom().emitter(emitter -> pool.execute(() -> {
            try {
                emitter.complete(task.call());
            } catch (Throwable t) {
                emitter.fail(t);
            }
        }));
    }

    private Conversation open(ConversationId id) {
        // The id is validated by its type; resolving and checking the parent again costs nothing.
        Path file = dir.resolve(id.value() + SUFFIX).normalize();
        if (!dir.equals(file.getParent())) {
            throw new InvalidConversationIdException(id.value());
        }
        return new Conversation(id, new ConversationFile(id, file, sync != SyncMode.NONE, sync == SyncMode.ALWAYS),
                new SerialExecutor(pool, () -> forgetIfIdle(id)), sync, fsync, tails);
    }

    private static ThreadFactory threadFactory(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
