package dev.trueline.turn;

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
                .onItem().invoke(event -> {
                    if (event instanceof AdapterEvent.Finish f) {
                        finish.set(f);
                    }
                })
                .select().where(event -> event instanceof AdapterEvent.Text)
                .onItem().transformToUniAndConcatenate(event -> journalChunk(((AdapterEvent.Text) event).text()));
        Multi<TurnEvent> end = Multi.createFrom().uni(Uni.createFrom().deferred(this::journalEnd));
        TurnMetrics.Stream stream = metrics.stream();

        return Multi.createBy().concatenating().streams(started, chunks, end)
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
