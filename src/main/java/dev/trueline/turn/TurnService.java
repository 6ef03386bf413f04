package dev.trueline.turn;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.trueline.adapter.ChatAdapter;
import dev.trueline.adapter.ChatRequest;
import dev.trueline.conversation.ConversationService;
import dev.trueline.conversation.Ownership;
import dev.trueline.journal.AbortedRecord;
import dev.trueline.journal.ConversationBusyException;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationLease;
import dev.trueline.journal.ConversationRecord;
import dev.trueline.journal.FailedRecord;
import dev.trueline.journal.Journal;
import dev.trueline.journal.JournalHealth;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.JournalStatus;
import dev.trueline.journal.JournalUnavailableException;
import dev.trueline.journal.LeaseLostException;
import dev.trueline.journal.LeasePurpose;
import dev.trueline.journal.TerminalRecord;
import dev.trueline.journal.TurnRecord;
import dev.trueline.journal.UserRecord;
import dev.trueline.limits.PrincipalLimits;
import dev.trueline.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Starts, follows and stops turns. Starting takes the conversation's lease (one running turn at a time), numbers
 * the turn from the journal, journals the prompt and sets its {@link Generation} going; every SSE response, the one
 * that started the turn included, is then a {@link Follower}.
 */
@ApplicationScoped
public class TurnService {

    private static final Logger LOG = Logger.getLogger(TurnService.class);

    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

    private final Journal journal;
    private final ConversationService conversations;
    private final Ownership ownership;
    private final PrincipalLimits limits;
    private final ChatAdapter adapter;
    private final JournalHealth journalHealth;
    private final LiveTurns live;
    private final TurnConfig config;
    private final SseConfig sse;
    private final TurnMetrics metrics;
    private final Vertx vertx;

    public TurnService(Journal journal, ConversationService conversations, Ownership ownership,
            PrincipalLimits limits, ChatAdapter adapter,
            JournalHealth journalHealth, LiveTurns live, TurnConfig config, SseConfig sse, TurnMetrics metrics,
            Vertx vertx) {
        this.journal = journal;
        this.conversations = conversations;
        this.ownership = ownership;
        this.limits = limits;
        this.adapter = adapter;
        this.journalHealth = journalHealth;
        this.live = live;
        this.config = config;
        this.sse = sse;
        this.metrics = metrics;
        this.vertx = vertx;
    }

    /**
     * Opens a turn and starts its model; completes with the turn's number once its prompt is journaled. Fails with a
     * {@link ProblemException} before anything is written when a turn already runs in the conversation or it is
     * being deleted (409), when it is somebody else's (404, as for a conversation that does not exist, which a
     * turn would create), the caller is over a per-principal limit (429), the journal cannot take writes, the
     * instance is full or shutting down (503). Call it off
     * the event loop: it may probe the journal's storage.
     */
    public Uni<Integer> open(ConversationId id, TurnRequest request, String principal) {
        JournalStatus status = journalHealth.status();
        if (!status.up()) {
            return Uni.createFrom().failure(unavailable("the journal cannot take writes: " + status.problem()));
        }
        LiveTurns.Slot slot;
        try {
            slot = live.enter(limits.admit(principal));
        } catch (ProblemException refused) {
            return Uni.createFrom().failure(refused);
        }
        String model = request.model() == null ? adapter.defaultModel() : request.model();
        AtomicInteger numbered = new AtomicInteger();
        AtomicBoolean timedOut = new AtomicBoolean();
        // whose it is, first: a busy conversation of somebody else must not answer 409 where a missing one would not
        Uni<Void> notOthers = ownership.isOthers(id, principal)
                .invoke(others -> {
                    if (others) {
                        throw ConversationService.unknown(id);
                    }
                })
                .onFailure().invoke(slot::release)
                .replaceWithVoid();
        return notOthers.chain(() -> journal.lease(id, LeasePurpose.TURN))
                .onFailure(ConversationBusyException.class).transform(e -> {
                    slot.release();
                    return ConversationService.busy(id, (ConversationBusyException) e, "wait for it to end or stop it");
                })
                .chain(lease -> start(id, principal, request.prompt(), model, lease, slot, numbered)
                        .ifNoItem().after(OPEN_TIMEOUT).failWith(() -> {
                            timedOut.set(true);
                            closeTimedOut(lease, numbered.get(), slot);
                            return unavailable("the journal did not answer in time");
                        })
                        .onFailure().invoke(() -> {
                            if (!timedOut.get()) {
                                lease.release();
                                slot.release();
                            }
                        }))
                .onFailure(JournalUnavailableException.class).transform(e -> {
                    LOG.errorf("turn in %s not started: %s", id, e.getMessage()); // the detail names server paths
                    return unavailable("the journal cannot take writes");
                })
                // a lease that expired before the prompt was journaled (a journal too slow to renew it): nothing of
                // the turn was written, as for a journal that cannot take writes
                .onFailure(LeaseLostException.class).transform(e -> {
                    LOG.errorf("turn in %s not started: %s", id, e.getMessage());
                    return unavailable("the conversation's lease expired before the turn was journaled");
                });
    }

    /**
     * Under the lease: checks whose the conversation is (a new one becomes {@code principal}'s: its header, naming
     * them, is its first record), numbers the turn from its transcript, journals the prompt, then sets the model
     * going.
     */
    private Uni<Integer> start(ConversationId id, String principal, String prompt, String model,
            ConversationLease lease, LiveTurns.Slot slot, AtomicInteger numbered) {
        return journal.header(id).chain(header -> {
            if (header.isPresent() && !header.get().ownedBy().equals(principal)) {
                throw ConversationService.unknown(id);
            }
            Uni<Void> owned = header.isPresent() ? Uni.createFrom().voidItem()
                    : lease.append(ConversationRecord.header(id, JournalRecord.now(), principal));
            return owned.chain(() -> conversations.forNewTurn(id));
        }).chain(transcript -> {
            int turn = transcript.nextTurn();
            numbered.set(turn);
            lease.runs(turn);
            return lease.append(new UserRecord(turn, JournalRecord.now(), prompt, adapter.kind(), model))
                    .invoke(() -> {
                        new TurnLog(TurnService.class, id, turn).info("turn %d of %s started: adapter %s, model %s",
                                turn, id, adapter.kind(), model);
                        ChatRequest chat = new ChatRequest(TurnHistory.of(transcript), prompt, model);
                        Generation generation = new Generation(lease, journal, turn, adapter, chat, config, vertx,
                                metrics, slot);
                        slot.hold(id, generation, principal);
                        // a Stop sent to another process that shares the journal reaches the turn here
                        lease.onStopRequest(seen -> generation.stop(StopRequest.byUser(seen)));
                        generation.start();
                    })
                    .replaceWith(turn);
        });
    }

    /**
     * The events of turn {@code turn} for one response, after the client's {@code from}. Fails before anything is
     * streamed with 404 when the turn is not in the journal; the caller answers 204 itself for a client that names
     * the turn's terminal event. A turn of somebody else's conversation is answered as one that does not exist.
     */
    public Uni<Multi<TurnEvent>> follow(ConversationId id, int turn, LastEventId from, String principal) {
        return ownership.isOthers(id, principal).chain(others -> others
                ? Uni.createFrom().failure(unknownTurn(id, turn))
                : journal.readTurn(id, turn, -1, 0)).map(page -> {
                    if (!page.found()) {
                        throw unknownTurn(id, turn);
                    }
                    return follower(id, turn, from, false);
                });
    }

    /** The events of the turn {@link #open} just started, for the response that asked for it. */
    public Multi<TurnEvent> followStarted(ConversationId id, int turn) {
        return follower(id, turn, LastEventId.of(null, turn), true);
    }

    private Multi<TurnEvent> follower(ConversationId id, int turn, LastEventId from, boolean starter) {
        Generation generation = live.find(id, turn).orElse(null);
        return new Follower(id, turn, from, journal, generation, starter, sse.heartbeat(), vertx).events();
    }

    /**
     * Stops turn {@code turn} of {@code id} on the person's request, journaling {@code aborted}/{@code user_stop} with
     * {@code seen} as delivered (capped at the chunks journaled). Completes with true once that is journaled, with false
     * when it is not within {@code trueline.turn.stop-wait} (a slow journal: it will be); fails with 409
     * {@code turn_not_running} when
     * the turn is over (or ended another way first) and 404 when there is no such turn, or it is in somebody
     * else's conversation. A turn that runs in another process sharing the journal is asked to stop through the
     * journal ({@link Journal#requestStop}) and followed there to its end, with the same answers.
     */
    public Uni<Boolean> stop(ConversationId id, int turn, int seen, String principal) {
        Optional<LiveTurns.Running> running = live.running(id, turn);
        if (running.isEmpty()) {
            return ownership.isOthers(id, principal).chain(others -> others
                    ? Uni.createFrom().failure(unknownTurn(id, turn))
                    : journal.readTurn(id, turn, -1, 0).chain(page -> {
                        if (!page.found()) {
                            throw unknownTurn(id, turn);
                        }
                        return journal.requestStop(id, turn, seen);
                    })).chain(requested -> {
                        if (!requested) {
                            throw notRunning(id, turn, "is over");
                        }
                        return stoppedElsewhere(id, turn);
                    });
        }
        // running here: whose it is is known without the journal, whose queue may be held up by this very turn
        if (!running.get().owner().equals(principal)) {
            return Uni.createFrom().failure(unknownTurn(id, turn));
        }
        Generation generation = running.get().generation();
        if (!generation.stop(StopRequest.byUser(seen))) {
            return Uni.createFrom().failure(notRunning(id, turn, "ended before the stop took effect"));
        }
        return Uni.createFrom().completionStage(generation.ended())
                .map(terminal -> {
                    if (terminal == null) {
                        throw unavailable("the journal could not record the stop");
                    }
                    return true;
                })
                .ifNoItem().after(config.stopWait()).recoverWithItem(false);
    }

    /**
     * Follows a turn that another process was asked to stop to its terminal record: true when that is the stop's
     * {@code aborted}/{@code user_stop}, false when it is not journaled within {@code trueline.turn.stop-wait}, 409
     * when the turn ended another way first (its model finished or failed, or its process died).
     */
    private Uni<Boolean> stoppedElsewhere(ConversationId id, int turn) {
        return journal.follow(id, turn, TurnRecord.TERMINAL_POSITION - 1)
                .select().where(record -> record instanceof TerminalRecord).toUni()
                .map(terminal -> {
                    if (terminal instanceof AbortedRecord aborted && AbortedRecord.USER_STOP.equals(aborted.reason())) {
                        return true;
                    }
                    throw notRunning(id, turn, "ended before the stop took effect");
                })
                .ifNoItem().after(config.stopWait()).recoverWithItem(false);
    }

    /**
     * I3: the prompt's append may still land after the client was told 503; a {@code failed} record queued behind it
     * closes that turn, and only then is the conversation given back. The writer refuses it harmlessly when the
     * prompt never reached the file.
     */
    private void closeTimedOut(ConversationLease lease, int turn, LiveTurns.Slot slot) {
        Uni<Void> closed = turn == 0 ? Uni.createFrom().voidItem()
                : lease.append(new FailedRecord(turn, JournalRecord.now(), 0, 0, "journal_unavailable",
                        "The journal did not answer in time; the turn was not started."));
        closed.subscribe().with(ok -> {
            LOG.warnf("turn %d of %s closed: the journal was too slow to start it", turn, lease.conversation());
            lease.release();
            slot.release();
        }, e -> {
            LOG.debugf("turn %d of %s: no prompt to close (%s)", turn, lease.conversation(), e);
            lease.release();
            slot.release();
        });
    }

    static ProblemException unknownTurn(ConversationId id, int turn) {
        // the id stays out of the detail (it is in the instance): somebody else's conversation answers the same
        return ProblemException.notFound("turn_not_found", "This conversation has no turn " + turn + ".");
    }

    private static ProblemException notRunning(ConversationId id, int turn, String why) {
        return ProblemException.conflict("turn_not_running", "Turn " + turn + " of conversation " + id + " " + why
                + "; there is nothing to stop. Its transcript shows how it ended.");
    }

    private static ProblemException unavailable(String why) {
        return new ProblemException(503, "journal_unavailable", "Journal unavailable",
                "The turn was not started because " + why + ". Nothing was lost; try again later.",
                Map.of("Retry-After", "5"));
    }
}
