package dev.trueline.turn;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import dev.trueline.adapter.AdapterEvent;
import dev.trueline.adapter.AdapterException;
import dev.trueline.adapter.ChatAdapter;
import dev.trueline.adapter.ChatRequest;
import dev.trueline.journal.AbortedRecord;
import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationLease;
import dev.trueline.journal.DetachedRecord;
import dev.trueline.journal.EndRecord;
import dev.trueline.journal.FailedRecord;
import dev.trueline.journal.FollowersElsewhere;
import dev.trueline.journal.Journal;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.JournalUnavailableException;
import dev.trueline.journal.TerminalRecord;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;

/**
 * One turn's answer being made: consumes the model once, and journals each piece as a chunk (I1, I2: the journal
 * then publishes it to the turn's followers once written), then exactly one terminal record (I3). It runs whether or
 * not anybody follows it, and decides its own end: the model finished or failed, a person stopped it, the instance
 * shuts down, or, with {@link DisconnectPolicy#CANCEL}, nobody followed it for the reconnect grace (I5). Followers
 * never end it; they tell it when they come and go ({@link #attach}, {@link #detach}) so that it knows when it is
 * alone and how far any of them got (the {@code delivered} of its terminal record, I6). Followers in other processes
 * that share the journal are asked of it ({@link Journal#followersElsewhere}) before the turn is cancelled for
 * being alone.
 * <p>
 * Every record goes through the turn's {@link ConversationLease} in the order decided here, under this object's
 * lock (an append only queues the record); once the terminal record is decided nothing else is appended, so no chunk
 * can follow it. Nothing that calls into the model or its HTTP client runs under that lock.
 */
final class Generation {

    /**
     * How long the response that started a turn may take to subscribe: longer, and its client is taken to have left
     * before the response began (the HTTP layer drops such a response without a word).
     */
    static final Duration FIRST_FOLLOWER_WAIT = Duration.ofSeconds(30);

    private final ConversationLease lease;
    private final Journal journal;
    private final int turn;
    private final ChatAdapter adapter;
    private final ChatRequest request;
    private final DisconnectPolicy policy;
    private final Duration grace;
    private final Vertx vertx;
    private final TurnLog log;
    private final TurnMetrics metrics;
    private final LiveTurns.Slot slot;
    /** The terminal record as written, or null when even that could not be journaled; after the lease was let go. */
    private final CompletableFuture<TerminalRecord> ended = new CompletableFuture<>();
    /** The furthest chunk any follower was handed, or proved it saw with its Last-Event-ID. */
    private final AtomicInteger furthest = new AtomicInteger();

    // Guarded by this.
    private Cancellable model;
    private int seq;
    /** Attached followers; the response that started the turn counts from the start, before it subscribes. */
    private int followers = 1;
    /** The response that started the turn has not subscribed yet: it will stream every chunk from the first. */
    private boolean starterExpected = true;
    private long aloneTimer = -1;
    private long starterTimer = -1;
    private boolean closing;
    private AdapterEvent.Finish finish;

    Generation(ConversationLease lease, Journal journal, int turn, ChatAdapter adapter, ChatRequest request,
            TurnConfig config, Vertx vertx, TurnMetrics metrics, LiveTurns.Slot slot) {
        this.lease = lease;
        this.journal = journal;
        this.turn = turn;
        this.adapter = adapter;
        this.request = request;
        this.policy = config.onDisconnect();
        this.grace = config.reconnectGrace();
        this.vertx = vertx;
        this.metrics = metrics;
        this.slot = slot;
        this.log = new TurnLog(Generation.class, lease.conversation(), turn);
    }

    int turn() {
        return turn;
    }

    /**
     * Starts the model. The response that started the turn counts as following it from the first chunk, also
     * before it subscribed; if it never does (its client left before the response began), it stops counting after
     * {@link #FIRST_FOLLOWER_WAIT}.
     */
    void start() {
        synchronized (this) {
            starterTimer = vertx.setTimer(FIRST_FOLLOWER_WAIT.toMillis(), id -> starterNeverCame());
        }
        Cancellable subscription = adapter.stream(request).subscribe().with(this::onModel, this::onModelFailure,
                this::onModelDone);
        boolean stoppedWhileSubscribing;
        synchronized (this) {
            stoppedWhileSubscribing = closing;
            if (!closing) {
                model = subscription;
            }
        }
        if (stoppedWhileSubscribing) {
            subscription.cancel();
        }
    }

    /** Completes once the turn's terminal record is journaled (null when it could not be) and the turn let go. */
    CompletionStage<TerminalRecord> ended() {
        return ended.copy();
    }

    /**
     * A follower joins, having seen up to {@code from}; false when the turn is already ending, and the follower
     * should read its end from the journal instead. Cancels a pending cancel for being alone. The response that
     * started the turn ({@code starter}) takes the place kept for it.
     */
    synchronized boolean attach(int from, boolean starter) {
        if (starter && starterExpected) {
            starterExpected = false;
            vertx.cancelTimer(starterTimer);
            return !closing;
        }
        if (closing) {
            return false;
        }
        followers++;
        furthest.accumulateAndGet(from, Math::max);
        disarmAloneTimer();
        return true;
    }

    /** A follower was handed chunk {@code seq}. Called for every chunk of every follower: no lock. */
    void handedOver(int seq) {
        furthest.accumulateAndGet(seq, Math::max);
    }

    /**
     * A follower leaves: {@code delivered} is the last chunk it was handed, {@code from} what it came in after. A
     * departure while the turn runs is journaled ({@code detached}); the last one starts the reconnect grace.
     */
    synchronized void detach(int from, int delivered) {
        followers--;
        if (closing) {
            return;
        }
        append(new DetachedRecord(turn, JournalRecord.now(), delivered, from));
        if (followers == 0 && policy == DisconnectPolicy.CANCEL) {
            armAloneTimer(grace);
        }
    }

    /**
     * Stops the turn: the model is cancelled (I5) and {@code aborted} journaled with the request's reason. False when
     * the turn was already ending another way.
     */
    boolean stop(StopRequest request) {
        Cancellable upstream;
        synchronized (this) {
            if (closing) {
                return false;
            }
            int delivered = request.byUser() ? request.seen() : deliveredNow();
            log.info("turn %d of %s stopped (%s) after %d chunks, %d delivered", turn, lease.conversation(),
                    request.reason(), seq, Math.min(delivered, seq));
            upstream = close(new AbortedRecord(turn, JournalRecord.now(), delivered, 0, request.reason()));
        }
        cancel(upstream);
        return true;
    }

    private void onModel(AdapterEvent event) {
        synchronized (this) {
            if (closing) {
                return; // arrived while the cancel travelled up: never journaled, never sent
            }
            if (event instanceof AdapterEvent.Finish f) {
                finish = f;
            } else if (event instanceof AdapterEvent.Text text) {
                // I1, I2: journaled in the model's order; the journal hands it to followers once written
                append(new ChunkRecord(turn, ++seq, text.text()));
            }
        }
    }

    private void onModelDone() {
        synchronized (this) {
            if (closing) {
                return;
            }
            String reason = finish == null || finish.reason() == null ? "stop" : finish.reason();
            EndRecord.Usage usage = finish == null || finish.usage() == null ? null
                    : new EndRecord.Usage(finish.usage().input(), finish.usage().output());
            log.info("turn %d of %s ended: %d chunks, finish %s", turn, lease.conversation(), seq, reason);
            close(new EndRecord(turn, JournalRecord.now(), seq, reason, usage)); // the model is done: nothing to cancel
        }
    }

    private void onModelFailure(Throwable failure) {
        String code = failure instanceof AdapterException adapterFailure ? adapterFailure.code() : "internal_error";
        String message = failure instanceof AdapterException ? failure.getMessage()
                : "The server failed while streaming; the failure was logged.";
        if (failure instanceof AdapterException) {
            log.warn("turn %d of %s failed: %s %s", turn, lease.conversation(), code, message);
            metrics.upstreamError(code);
        } else {
            log.error(failure, "turn %d of %s failed", turn, lease.conversation());
        }
        fail(code, message);
    }

    private void fail(String code, String message) {
        Cancellable upstream = null;
        synchronized (this) {
            if (!closing) {
                upstream = close(new FailedRecord(turn, JournalRecord.now(), deliveredNow(), 0, code, message));
            }
        }
        cancel(upstream);
    }

    /**
     * What the followers were handed. With one still attached, every chunk journaled before the terminal record:
     * it is handed all of them before the terminal event (an upper bound on what it rendered, I6; the writer caps it
     * at the chunks written). With none: the furthest any of them got.
     */
    private int deliveredNow() {
        return followers > 0 ? seq : furthest.get();
    }

    /**
     * Decides the end, under the lock: nothing but {@code terminal} is appended from now on (I3), queued after every
     * chunk appended before it; the turn lets go once it is written. Returns the model's subscription, for the caller
     * to cancel once it left the lock: cancelling reaches into the adapter and its HTTP client, which may need the
     * event loop a chunk is waiting on this lock from.
     */
    private Cancellable close(TerminalRecord terminal) {
        closing = true;
        disarmAloneTimer();
        lease.append(terminal).subscribe().with(
                written -> release(terminal),
                failure -> {
                    log.error(failure, "turn %d of %s: cannot journal its end", turn, lease.conversation());
                    release(null);
                });
        return model;
    }

    /** I5: the upstream connection closes, no more tokens are paid for. Never under this object's lock. */
    private static void cancel(Cancellable upstream) {
        if (upstream != null) {
            upstream.cancel();
        }
    }

    private void release(TerminalRecord terminal) {
        vertx.cancelTimer(starterTimer);
        lease.release();
        slot.release();
        ended.complete(terminal);
    }

    /** Appends a chunk or a departure; a journal that cannot take it fails the turn. */
    private void append(JournalRecord record) {
        lease.append(record).subscribe().with(written -> {
        }, failure -> {
            if (record instanceof ChunkRecord) {
                log.warn("turn %d of %s: chunk %d not journaled: %s", turn, lease.conversation(),
                        ((ChunkRecord) record).seq(), failure.getMessage());
                fail("journal_unavailable", failure instanceof JournalUnavailableException
                        ? "The journal could not take the answer; what was sent is saved."
                        : "The journal refused the answer; what was sent is saved.");
            } else {
                log.debug("turn %d of %s: a departure was not journaled: %s", turn, lease.conversation(), failure);
            }
        });
    }

    private synchronized void starterNeverCame() {
        if (!starterExpected) {
            return;
        }
        starterExpected = false;
        log.warn("turn %d of %s: the client left before the stream started", turn, lease.conversation());
        followers--;
        if (!closing && followers == 0 && policy == DisconnectPolicy.CANCEL) {
            armAloneTimer(grace);
        }
    }

    private void armAloneTimer(Duration wait) {
        disarmAloneTimer();
        aloneTimer = vertx.setTimer(Math.max(1, wait.toMillis()), id -> aloneFor(id, wait));
    }

    private void disarmAloneTimer() {
        if (aloneTimer >= 0) {
            vertx.cancelTimer(aloneTimer);
            aloneTimer = -1;
        }
    }

    /**
     * The grace is over with no follower here: before cancelling, ask the journal about followers in other processes
     * (a client that resumed on another replica, {@link Journal#followersElsewhere}). While one follows, the grace
     * starts again; once none does, the turn ends with the furthest any follower here or there was handed.
     */
    private void aloneFor(long timer, Duration wait) {
        synchronized (this) {
            if (timer != aloneTimer || closing || followers > 0) {
                return; // re-armed, ending, or somebody came back
            }
        }
        journal.followersElsewhere(lease.conversation(), turn).subscribe().with(
                elsewhere -> aloneHere(timer, wait, elsewhere),
                failure -> {
                    log.warn("turn %d of %s: followers elsewhere unknown (%s), counting none", turn,
                            lease.conversation(), failure.getMessage());
                    aloneHere(timer, wait, FollowersElsewhere.NONE);
                });
    }

    private void aloneHere(long timer, Duration wait, FollowersElsewhere elsewhere) {
        Cancellable upstream;
        synchronized (this) {
            if (timer != aloneTimer || closing || followers > 0) {
                return; // re-armed, ending, or somebody came back while the journal answered
            }
            furthest.accumulateAndGet(elsewhere.furthest(), Math::max);
            if (elsewhere.present() > 0) {
                armAloneTimer(wait);
                return;
            }
            aloneTimer = -1;
            log.info("turn %d of %s: no follower for %s, cancelling the model", turn, lease.conversation(), wait);
            upstream = close(new AbortedRecord(turn, JournalRecord.now(), furthest.get(), 0,
                    AbortedRecord.CLIENT_DISCONNECT));
        }
        cancel(upstream);
    }
}
