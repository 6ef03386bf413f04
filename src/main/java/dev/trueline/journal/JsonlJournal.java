package dev.trueline.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The journal as one JSONL file per conversation under {@code trueline.journal.dir}. Each conversation has its
 * own ordered queue ({@link SerialExecutor}) over a small dedicated I/O pool, so records of one conversation are
 * written in the order they were submitted and no file I/O ever runs on an event loop.
 */
@ApplicationScoped
public class JsonlJournal implements Journal {

    private static final String SUFFIX = ".jsonl";

    private final Path dir;
    private final ExecutorService pool;
    private final JournalMetrics metrics;
    private final ConcurrentMap<ConversationId, Conversation> conversations = new ConcurrentHashMap<>();

    @Inject
    public JsonlJournal(JournalConfig config, MeterRegistry registry) {
        this(config, new JournalMetrics(registry));
    }

    /** A journal built by hand (tests, tools): its metrics go nowhere. */
    public JsonlJournal(JournalConfig config) {
        this(config, JournalMetrics.detached());
    }

    JsonlJournal(JournalConfig config, JournalMetrics metrics) {
        this.dir = Path.of(config.dir()).toAbsolutePath().normalize();
        this.pool = Executors.newFixedThreadPool(config.ioThreads(), threadFactory());
        this.metrics = metrics;
    }

    @Override
    public Uni<Void> append(ConversationId id, JournalRecord record) {
        return Uni.createFrom().deferred(() -> {
            long submitted = System.nanoTime();
            return onQueue(id, file -> {
                try (JournalLogContext ignored = JournalLogContext.enter(id, record)) {
                    file.append(record);
                }
                metrics.written(record, System.nanoTime() - submitted);
                return null;
            });
        });
    }

    @Override
    public Uni<Optional<JournalContents>> read(ConversationId id) {
        return onQueue(id, ConversationFile::read);
    }

    @Override
    public Uni<Optional<byte[]>> readRaw(ConversationId id) {
        return onQueue(id, ConversationFile::readRaw);
    }

    @Override
    public Uni<List<ConversationId>> list() {
        return onPool(() -> {
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
        });
    }

    @Override
    public Uni<Boolean> delete(ConversationId id) {
        return onQueue(id, ConversationFile::delete);
    }

    /** The journal directory, absolute. */
    public Path directory() {
        return dir;
    }

    @PreDestroy
    void shutdown() {
        pool.shutdown();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        conversations.values().forEach(c -> c.file.close());
    }

    private <T> Uni<T> onQueue(ConversationId id, IoTask<T> task) {
        Conversation conversation = conversations.computeIfAbsent(id, this::open);
        return Uni.createFrom().emitter(emitter -> conversation.queue.execute(() -> {
            try {
                emitter.complete(task.run(conversation.file));
            } catch (Throwable t) {
                emitter.fail(t);
            }
        }));
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
        return new Conversation(new ConversationFile(id, file), new SerialExecutor(pool));
    }

    private static ThreadFactory threadFactory() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "trueline-journal-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private record Conversation(ConversationFile file, SerialExecutor queue) {
    }

    @FunctionalInterface
    private interface IoTask<T> {
        T run(ConversationFile file) throws Exception;
    }
}
