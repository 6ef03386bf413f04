package dev.trueline.turn;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.trueline.adapter.AdapterEvent;
import dev.trueline.adapter.AdapterException;
import dev.trueline.adapter.ChatAdapter;
import dev.trueline.adapter.ChatRequest;
import dev.trueline.conversation.ActiveTurns;
import dev.trueline.journal.AbortedRecord;
import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.EndRecord;
import dev.trueline.journal.FailedRecord;
import dev.trueline.journal.Journal;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.JournalUnavailableException;
import dev.trueline.journal.TurnClosedException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * One running turn: the adapter's deltas, each journaled before it is emitted (I1), framed by a {@code turn} event
 * and an {@code end} or {@code error} event, with every way out accounted for in the journal (I3).
 */
public final class TurnRun {

    private final ConversationId id;
    private final int turn;
    private final ChatRequest request;
    private final ChatAdapter adapter;
    private final Journal journal;
    private final ActiveTurns.Lease lease;
    private final TurnMetrics metrics;
    private final TurnLog log;
    private final AtomicInteger journaledSeq = new AtomicInteger();
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicReference<AdapterEvent.Finish> finish = new AtomicReference<>();
    private final AtomicBoolean subscribed = new AtomicBoolean();

    TurnRun(ConversationId id, int turn, ChatRequest request, ChatAdapter adapter, Journal journal,
            ActiveTurns.Lease lease) {
        this(id, turn, request, adapter, journal, lease, TurnMetrics.detached());
    }

    TurnRun(ConversationId id, int turn, ChatRequest request, ChatAdapter adapter, Journal journal,
            ActiveTurns.Lease lease, TurnMetrics metrics) {
        this.id = id;
        this.turn = turn;
        this.request = request;
        this.adapter = adapter;
        this.journal = journal;
        this.lease = lease;
        this.metrics = metrics;
        this.log = new TurnLog(TurnRun.class, id, turn);
    }

    public int turn() {
        return turn;
    }

    /**
     * The turn's events. Subscribe once: the subscription runs the model. The caller must hand each item straight
     * to the HTTP response and request the next only when it was written; {@code delivered} counts chunks at
     * that hand-over, so it is an upper bound on what the client rendered (I6).
     */
    public Multi<TurnEvent> events() {
        Multi<TurnEvent> started = Multi.createFrom().item(
                new TurnEvent.Started(id.value(), turn, adapter.kind(), request.model()));
        Multi<TurnEvent> chunks = adapter.stream(request)
                .onItem().<Object> transform(event -> event)
                // a failure travels in order, behind the deltas produced before it, so those are still sent
                .onFailure().recoverWithItem(AdapterStopped::new)
                .onItem().invoke(step -> {
                    if (step instanceof AdapterEvent.Finish f) {
                        finish.set(f);
                    }
                })
                .select().where(step -> !(step instanceof AdapterEvent.Finish))
                .onItem().transformToUniAndConcatenate(this::journalOrFail);
        Multi<TurnEvent> end = Multi.createFrom().uni(Uni.createFrom().deferred(this::journalEnd));
        TurnMetrics.Stream stream = metrics.stream();

        return Multi.createBy().concatenating().streams(started, chunks, end)
                .onSubscription().invoke(() -> {
                    if (!subscribed.compareAndSet(false, true)) {
                        throw new IllegalStateException("turn " + turn + " was already closed or subscribed");
                    }
                })
                .onFailure().recoverWithMulti(this::fail)
                // Release only after the aborted record was enqueued below: a next turn's read then sees it.
                .onTermination().invoke(lease::release)
                // I3, I5: the client left; record what it got and let the cancel travel up to the adapter.
                .onCancellation().invoke(() -> abort(AbortedRecord.CLIENT_DISCONNECT))
                .onItem().invoke(event -> {
                    if (event instanceof TurnEvent.Chunk) {
                        delivered.incrementAndGet();
                        stream.delivered();
                    }
                })
                .onSubscription().invoke(stream::open)
                .onTermination().invoke(stream::close);
    }

    /**
     * Closes the turn if its stream is never subscribed: the HTTP layer drops a response whose client left before
     * the headers were written, and the turn would otherwise hold its conversation forever (I3).
     */
    void closeIfNotSubscribedWithin(Duration grace, Vertx vertx) {
        vertx.setTimer(grace.toMillis(), timer -> {
            if (subscribed.compareAndSet(false, true)) {
                log.warn("turn %d of %s: the client left before the stream started", turn, id);
                abort(AbortedRecord.CLIENT_DISCONNECT);
                lease.release();
            }
        });
    }

    private Uni<TurnEvent> journalOrFail(Object step) {
        if (step instanceof AdapterStopped stopped) {
            return Uni.createFrom().failure(stopped.cause());
        }
        return journalChunk(((AdapterEvent.Text) step).text());
    }

    /** An adapter failure turned into an item, so it cannot overtake the chunks before it. */
    private record AdapterStopped(Throwable cause) {
    }

    /** I1: the chunk event exists only once its record was written. */
    private Uni<TurnEvent> journalChunk(String text) {
        int seq = journaledSeq.incrementAndGet();
        return journal.append(id, new ChunkRecord(turn, seq, text))
                .replaceWith(new TurnEvent.Chunk(turn, seq, text));
    }

    private Uni<TurnEvent> journalEnd() {
        AdapterEvent.Finish f = finish.get();
        String reason = f == null || f.reason() == null ? "stop" : f.reason();
        EndRecord.Usage usage = f == null || f.usage() == null ? null
                : new EndRecord.Usage(f.usage().input(), f.usage().output());
        int chunks = journaledSeq.get();
        return journal.append(id, new EndRecord(turn, JournalRecord.now(), chunks, reason, usage))
                .invoke(() -> log.info("turn %d of %s ended: %d chunks, finish %s", turn, id, chunks, reason))
                .replaceWith(new TurnEvent.End(turn, chunks, reason,
                        usage == null ? null : new TurnEvent.Usage(usage.input(), usage.output())));
    }

    /** A failure after the headers went out becomes a {@code failed} record and a final {@code error} event. */
    private Multi<TurnEvent> fail(Throwable failure) {
        String code = codeOf(failure);
        String message = code.equals("internal_error") ? "The server failed while streaming; the failure was logged."
                : failure.getMessage();
        if (code.equals("internal_error")) {
            log.error(failure, "turn %d of %s failed", turn, id);
        } else {
            log.warn("turn %d of %s failed: %s %s", turn, id, code, message);
        }
        if (failure instanceof AdapterException) {
            metrics.upstreamError(code);
        }
        int shown = delivered.get();
        return journal.append(id, new FailedRecord(turn, JournalRecord.now(), shown, 0, code, message))
                // the journal itself may be what failed: the client still gets its error event
                .onFailure().invoke(e -> log.error(e, "turn %d of %s: cannot journal its failure", turn, id))
                .onFailure().recoverWithNull()
                .replaceWith((TurnEvent) new TurnEvent.Error(turn, shown, code, message))
                .toMulti();
    }

    private void abort(String reason) {
        journal.append(id, new AbortedRecord(turn, JournalRecord.now(), delivered.get(), 0, reason))
                .subscribe().with(
                        ok -> log.info("turn %d of %s aborted (%s) after %d delivered chunks", turn, id, reason,
                                delivered.get()),
                        e -> {
                            if (e instanceof TurnClosedException) {
                                log.debug("turn %d of %s already closed when the client left", turn, id);
                            } else {
                                log.error(e, "turn %d of %s: cannot journal its abort", turn, id);
                            }
                        });
    }

    private static String codeOf(Throwable failure) {
        if (failure instanceof AdapterException adapterFailure) {
            return adapterFailure.code();
        }
        if (failure instanceof JournalUnavailableException) {
            return "journal_unavailable";
        }
        return "internal_error";
    }
}
