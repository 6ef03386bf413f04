package dev.trueline.turn;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.vertx.core.Vertx;

/**
 * One running turn: the adapter's deltas, each journaled before it is emitted (I1), framed by a {@code turn} event
 * and an {@code end} or {@code error} event, with every way out accounted for in the journal (I3). Heartbeats fill
 * silences, a client that falls too far behind is dropped, shutdown ends the turn with an {@code error} event, and
 * a person's Stop ends it quietly after journaling exactly what they saw.
 */
public final class TurnRun {

    private final ConversationId id;
    private final int turn;
    private final ChatRequest request;
    private final ChatAdapter adapter;
    private final Journal journal;
    private final ActiveTurns.Lease lease;
    private final RunningTurns.Slot slot;
    private final SseConfig sse;
    private final TurnMetrics metrics;
    private final TurnLog log;
    /** Markers in the merged stream, compared by identity and never sent: the turn's own events ended ... */
    private final TurnEvent.Ping last;
    /** ... or it was asked to stop (shutdown or the person's Stop). */
    private final TurnEvent.Ping stop;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicReference<StopRequest> stopRequest = new AtomicReference<>();
    private final AtomicInteger journaledSeq = new AtomicInteger();
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicLong lastHandedOver = new AtomicLong(System.nanoTime());
    private final AtomicReference<AdapterEvent.Finish> finish = new AtomicReference<>();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    /** Cancels the watch of {@link #closeIfNotSubscribedWithin}, so a running turn holds no 30-second timer. */
    private volatile Runnable unwatch = () -> {
    };

    TurnRun(ConversationId id, int turn, ChatRequest request, ChatAdapter adapter, Journal journal,
            ActiveTurns.Lease lease, RunningTurns.Slot slot, SseConfig sse, TurnMetrics metrics) {
        this.id = id;
        this.turn = turn;
        this.request = request;
        this.adapter = adapter;
        this.journal = journal;
        this.lease = lease;
        this.slot = slot;
        this.sse = sse;
        this.metrics = metrics;
        this.log = new TurnLog(TurnRun.class, id, turn);
        this.last = new TurnEvent.Ping(turn);
        this.stop = new TurnEvent.Ping(turn);
    }

    public int turn() {
        return turn;
    }

    /**
     * The turn's events, with {@link TurnEvent.Ping}s in silences. Subscribe once: the subscription runs the model.
     * The caller must hand each item straight to the HTTP response and request the next only when it was written;
     * {@code delivered} counts chunks at that hand-over, so it is an upper bound on what the client rendered (I6).
     */
    public Multi<TurnEvent> events() {
        Multi<TurnEvent> own = Multi.createBy().concatenating().streams(started(), chunks(), end())
                .onFailure(failure -> !(failure instanceof SlowClientException)).recoverWithMulti(this::fail)
                .onCompletion().continueWith(last);
        // requests=1: nothing runs ahead of the client here, the only queue is the bounded one in chunks()
        Multi<TurnEvent> untilOverOrStopped = Multi.createBy().merging().withRequests(1)
                .streams(own, heartbeats(), stopSignal())
                // Either marker ends the merge, which cancels the rest (the model, the heartbeats, the signal).
                .select().first(event -> {
                    if (event == stop) {
                        stopped.set(true);
                    }
                    return event != last && event != stop;
                });
        TurnMetrics.Stream stream = metrics.stream();
        return Multi.createBy().concatenating().streams(untilOverOrStopped,
                Multi.createFrom().deferred(() -> stopped.get() ? stop(stopRequest.get()) : Multi.createFrom().empty()))
                .onSubscription().invoke(() -> {
                    if (!subscribed.compareAndSet(false, true)) {
                        throw new IllegalStateException("turn " + turn + " was already closed or subscribed");
                    }
                    unwatch.run();
                })
                // I3: the client is dropped (the failure resets its connection); the journal keeps every chunk
                .onFailure(SlowClientException.class).invoke(() -> abort(AbortedRecord.SLOW_CLIENT))
                // Release only after the aborted record was enqueued below: a next turn's read then sees it.
                .onTermination().invoke(() -> {
                    lease.release();
                    slot.release();
                })
                // I3, I5: the client left; record what it got and let the cancel travel up to the adapter.
                .onCancellation().invoke(() -> abort(AbortedRecord.CLIENT_DISCONNECT))
                .onItem().invoke(event -> {
                    lastHandedOver.set(System.nanoTime());
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
        long watch = vertx.setTimer(grace.toMillis(), timer -> {
            if (subscribed.compareAndSet(false, true)) {
                log.warn("turn %d of %s: the client left before the stream started", turn, id);
                abort(AbortedRecord.CLIENT_DISCONNECT);
                lease.release();
                slot.release();
            }
        });
        unwatch = () -> vertx.cancelTimer(watch);
    }

    private Multi<TurnEvent> started() {
        return Multi.createFrom().item(new TurnEvent.Started(id.value(), turn, adapter.kind(), request.model()));
    }

    private Multi<TurnEvent> chunks() {
        int bound = sse.maxBufferedChunks();
        return adapter.stream(request)
                .onItem().invoke(event -> {
                    if (event instanceof AdapterEvent.Finish f) {
                        finish.set(f);
                    }
                })
                .select().where(event -> event instanceof AdapterEvent.Text)
                .map(event -> journalChunk(((AdapterEvent.Text) event).text()))
                // a failing model waits in line behind the chunks it produced before failing
                .onFailure().recoverWithItem(failure -> Uni.createFrom().failure(failure))
                // The model is never slowed by the reader: journaled chunks wait here for the client, boundedly.
                .onOverflow().buffer(bound)
                .onFailure(BackPressureFailure.class).transform(e -> new SlowClientException(id, turn, bound))
                // I1: a chunk event is emitted only once its append completed (and was fsynced with sync=always)
                .onItem().transformToUniAndConcatenate(written -> written);
    }

    /**
     * Starts the chunk's append now, so that appends queue on the conversation in the model's order while earlier
     * ones are still being fsynced (group commit); the returned Uni tells when it was written.
     */
    private Uni<TurnEvent> journalChunk(String text) {
        int seq = journaledSeq.incrementAndGet();
        Uni<TurnEvent> written = journal.append(id, new ChunkRecord(turn, seq, text))
                .replaceWith((TurnEvent) new TurnEvent.Chunk(turn, seq, text))
                .memoize().indefinitely();
        written.subscribe().with(ok -> {
        }, failure -> {
        }); // its outcome is read, in order, by chunks()
        return written;
    }

    private Multi<TurnEvent> end() {
        return Multi.createFrom().uni(Uni.createFrom().deferred(this::journalEnd));
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

    /** A comment while nothing went out for half an interval or more; none while chunks flow. */
    private Multi<TurnEvent> heartbeats() {
        Duration every = sse.heartbeat();
        return Multi.createFrom().ticks().every(every)
                .onOverflow().drop()
                .select().where(tick -> System.nanoTime() - lastHandedOver.get() >= every.toNanos() / 2)
                .map(tick -> (TurnEvent) new TurnEvent.Ping(turn));
    }

    /** Emits the stop marker when the instance shuts down or the person stops the turn. */
    private Multi<TurnEvent> stopSignal() {
        return Uni.createFrom().completionStage(slot.stopRequested())
                .map(requested -> {
                    stopRequest.set(requested);
                    return (TurnEvent) stop;
                })
                .toMulti();
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

    /** The model was cancelled (I5) when the stop marker ended the merge; journal the end. */
    private Multi<TurnEvent> stop(StopRequest request) {
        return request.byUser() ? stopForUser(request) : stopForShutdown();
    }

    /**
     * The person clicked Stop: journal exactly what their page rendered (I6) and complete the stream, which they are
     * leaving anyway. Their disconnect right after finds the turn closed and journals nothing more (I3).
     */
    private Multi<TurnEvent> stopForUser(StopRequest request) {
        int handedOver = delivered.get();
        int shown = request.delivered(handedOver);
        return journal.append(id, new AbortedRecord(turn, JournalRecord.now(), shown, 0, AbortedRecord.USER_STOP))
                .invoke(() -> {
                    log.info("turn %d of %s stopped by the user after %d shown chunks (%d handed over)", turn, id,
                            shown, handedOver);
                    slot.stopHandled();
                })
                // the stop's caller then hears the turn ended without its record; the stream still ends
                .onFailure().invoke(e -> log.error(e, "turn %d of %s: cannot journal its stop", turn, id))
                .onFailure().recoverWithNull()
                .replaceWithVoid()
                .toMulti() // a null item: the Multi completes without emitting
                .onItem().castTo(TurnEvent.class);
    }

    /** Shutdown: journal the end and tell the client. */
    private Multi<TurnEvent> stopForShutdown() {
        int shown = delivered.get();
        return journal.append(id, new AbortedRecord(turn, JournalRecord.now(), shown, 0, AbortedRecord.SHUTDOWN))
                .invoke(() -> log.info("turn %d of %s aborted by shutdown after %d delivered chunks", turn, id,
                        shown))
                .onFailure().invoke(e -> log.error(e, "turn %d of %s: cannot journal its shutdown", turn, id))
                .onFailure().recoverWithNull()
                .eventually(slot::stopHandled)
                .replaceWith((TurnEvent) new TurnEvent.Error(turn, shown, "shutting_down",
                        "The server is shutting down; the answer so far is saved. Send the prompt again to go on."))
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

    /** The client fell more than the bound behind: it is dropped, which resets its connection. */
    static final class SlowClientException extends RuntimeException {
        SlowClientException(ConversationId id, int turn, int bound) {
            super("turn " + turn + " of " + id + ": the client fell more than " + bound
                    + " chunks behind (trueline.sse.max-buffered-chunks) and was dropped", null, false, false);
        }
    }
}
