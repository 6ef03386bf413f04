package dev.trueline.turn;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.trueline.adapter.ChatAdapter;
import dev.trueline.adapter.ChatRequest;
import dev.trueline.conversation.ActiveTurns;
import dev.trueline.conversation.ConversationService;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.FailedRecord;
import dev.trueline.journal.Journal;
import dev.trueline.journal.JournalHealth;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.JournalStatus;
import dev.trueline.journal.JournalUnavailableException;
import dev.trueline.journal.UserRecord;
import dev.trueline.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Starts turns: takes the conversation (one running turn at a time), numbers the turn from the journal, journals
 * the prompt and hands back a {@link TurnRun} whose event stream does the rest.
 */
@ApplicationScoped
public class TurnService {

    private static final Logger LOG = Logger.getLogger(TurnService.class);

    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SUBSCRIBE_GRACE = Duration.ofSeconds(30);
    /** How long a stop waits for the turn to journal it; a turn whose client reads nothing may take longer. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final Journal journal;
    private final ConversationService conversations;
    private final ActiveTurns activeTurns;
    private final ChatAdapter adapter;
    private final JournalHealth journalHealth;
    private final RunningTurns running;
    private final SseConfig sse;
    private final TurnMetrics metrics;
    private final Vertx vertx;

    public TurnService(Journal journal, ConversationService conversations, ActiveTurns activeTurns,
            ChatAdapter adapter, JournalHealth journalHealth, RunningTurns running, SseConfig sse,
            TurnMetrics metrics, Vertx vertx) {
        this.journal = journal;
        this.conversations = conversations;
        this.activeTurns = activeTurns;
        this.adapter = adapter;
        this.journalHealth = journalHealth;
        this.running = running;
        this.sse = sse;
        this.metrics = metrics;
        this.vertx = vertx;
    }

    /**
     * Opens a turn. Fails with a {@link ProblemException} before anything is written when a turn already runs in
     * the conversation (409), the journal cannot take writes, the instance is full or shutting down (503). Call it
     * off the event loop: it may probe the journal's file system.
     */
    public Uni<TurnRun> open(ConversationId id, TurnRequest request) {
        JournalStatus status = journalHealth.status();
        if (!status.up()) {
            return Uni.createFrom().failure(unavailable("the journal cannot take writes: " + status.problem()));
        }
        RunningTurns.Slot slot;
        try {
            slot = running.enter();
        } catch (ProblemException refused) {
            return Uni.createFrom().failure(refused);
        }
        ActiveTurns.Lease lease = activeTurns.tryAcquire(id).orElse(null);
        if (lease == null) {
            slot.release();
            return Uni.createFrom().failure(ProblemException.conflict("turn_running",
                    "Conversation " + id + " already has a turn running; wait for it to end or stop it."));
        }
        String model = request.model() == null ? adapter.defaultModel() : request.model();
        AtomicInteger numbered = new AtomicInteger();
        return conversations.forNewTurn(id)
                .chain(transcript -> {
                    int turn = transcript.nextTurn();
                    numbered.set(turn);
                    lease.turn(turn);
                    slot.assign(id, turn);
                    ChatRequest chat = new ChatRequest(TurnHistory.of(transcript), request.prompt(), model);
                    UserRecord prompt = new UserRecord(turn, JournalRecord.now(), request.prompt(), adapter.kind(),
                            model);
                    return journal.append(id, prompt)
                            .invoke(() -> new TurnLog(TurnService.class, id, turn).info(
                                    "turn %d of %s started: adapter %s, model %s", turn, id, adapter.kind(), model))
                            .replaceWith(() -> {
                                TurnRun run = new TurnRun(id, turn, chat, adapter, journal, lease, slot, sse, metrics);
                                run.closeIfNotSubscribedWithin(SUBSCRIBE_GRACE, vertx);
                                return run;
                            });
                })
                .ifNoItem().after(OPEN_TIMEOUT).failWith(() -> {
                    closeTimedOut(id, numbered.get());
                    return unavailable("the journal did not answer in time");
                })
                .onFailure(JournalUnavailableException.class).transform(e -> {
                    LOG.errorf("turn in %s not started: %s", id, e.getMessage()); // the detail names server paths
                    return unavailable("the journal cannot take writes");
                })
                .onFailure().invoke(() -> {
                    lease.release();
                    slot.release();
                });
    }

    /**
     * I3: the prompt's append may still land after the client was told 503; a {@code failed} record queued behind
     * it closes that turn. The writer refuses it harmlessly when the prompt never reached the file.
     */
    private void closeTimedOut(ConversationId id, int turn) {
        if (turn == 0) {
            return; // not numbered yet: no prompt was queued
        }
        journal.append(id, new FailedRecord(turn, JournalRecord.now(), 0, 0, "journal_unavailable",
                "The journal did not answer in time; the turn was not started."))
                .subscribe().with(ok -> LOG.warnf("turn %d of %s closed: the journal was too slow to start it",
                        turn, id), e -> LOG.debugf("turn %d of %s: no prompt to close (%s)", turn, id, e));
    }

    /**
     * Stops turn {@code turn} of {@code id} on the person's request, journaling {@code aborted}/{@code user_stop}
     * with {@code seen} as delivered (at most what was handed to the HTTP layer). Completes with true once that is
     * journaled, with false when the turn has not got to it within a few seconds (it will at its next event); fails
     * with 409 {@code turn_not_running} when that turn is not running, or ended another way first.
     */
    public Uni<Boolean> stop(ConversationId id, int turn, int seen) {
        return running.stop(id, turn, seen)
                .map(stopped -> Uni.createFrom().completionStage(stopped)
                        .ifNoItem().after(STOP_WAIT).recoverWithItem((Boolean) null)
                        .map(journaled -> {
                            if (journaled == null) {
                                return false; // still on its way: the turn's stream is waiting on its client
                            }
                            if (!journaled) {
                                throw notRunning(id, turn, "ended before the stop took effect");
                            }
                            return true;
                        }))
                .orElseGet(() -> Uni.createFrom().failure(notRunning(id, turn, "is not running")));
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
