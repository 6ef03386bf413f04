package dev.trueline.turn;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.trueline.journal.ConversationId;
import dev.trueline.problem.ProblemException;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;

/**
 * The turns running on this instance: at most {@code trueline.turn.max-concurrent}, and none started once shutdown
 * began. On SIGTERM every running turn is stopped before the HTTP server drains its requests: each journals
 * {@code aborted}/{@code shutdown} with its counts and sends its client an {@code error} event {@code shutting_down}.
 * A single turn can be stopped the same way on the person's request ({@link #stop}): it journals
 * {@code aborted}/{@code user_stop} and its stream completes.
 */
@ApplicationScoped
public class RunningTurns {

    private static final Logger LOG = Logger.getLogger(RunningTurns.class);
    /** How long shutdown waits for running turns to journal their terminal records. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final int max;
    private final Set<Slot> slots = ConcurrentHashMap.newKeySet();
    private boolean stopping;

    public RunningTurns(TurnConfig config) {
        this.max = config.maxConcurrent();
    }

    /** Takes a slot for a new turn; refused with 503 while shutting down or when every slot is taken. */
    synchronized Slot enter() {
        if (stopping) {
            throw new ProblemException(503, "shutting_down", "Shutting down", "This instance is shutting down and "
                    + "starts no new turns; retry, another instance will take it.", Map.of("Retry-After", "5"));
        }
        if (slots.size() >= max) {
            throw new ProblemException(503, "too_many_turns", "Too many turns", "This instance already runs " + max
                    + " turns (trueline.turn.max-concurrent); retry shortly.", Map.of("Retry-After", "1"));
        }
        Slot slot = new Slot();
        slots.add(slot);
        return slot;
    }

    /** Turns holding a slot now. */
    public int count() {
        return slots.size();
    }

    /**
     * Asks turn {@code turn} of {@code id} to stop on the person's request. Empty when that turn does not run here;
     * otherwise completes with true once the turn journaled its {@code aborted}/{@code user_stop} record, or with
     * false when the turn ended another way first (it finished, its client left, the instance shut down).
     */
    Optional<CompletableFuture<Boolean>> stop(ConversationId id, int turn, int seen) {
        return slots.stream().filter(slot -> slot.holds(id, turn)).findFirst()
                .map(slot -> slot.stop(StopRequest.byUser(seen)));
    }

    /** Fired in Quarkus' pre-shutdown phase (quarkus.shutdown.delay-enabled), before HTTP waits for requests. */
    void onShutdownStarted(@Observes ShutdownDelayInitiatedEvent event) {
        stopAll();
    }

    /** The fallback when the pre-shutdown event is not fired; a no-op when it was. */
    void onShutdown(@Observes ShutdownEvent event) {
        stopAll();
    }

    void stopAll() {
        List<CompletableFuture<Void>> stopped;
        synchronized (this) {
            stopping = true;
            stopped = slots.stream().map(slot -> slot.stop(StopRequest.SHUTDOWN).thenApply(handled -> (Void) null))
                    .toList();
        }
        if (stopped.isEmpty()) {
            return;
        }
        LOG.infof("shutting down: stopping %d running turn(s)", stopped.size());
        try {
            CompletableFuture.allOf(stopped.toArray(CompletableFuture[]::new))
                    .get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("shutting down: %d turn(s) did not journal their end within %s", stopped.stream()
                    .filter(f -> !f.isDone()).count(), STOP_WAIT);
        } catch (Exception e) {
            LOG.warnf("shutting down: waiting for running turns failed: %s", e.toString());
        }
    }

    /** One running turn's place; released exactly when its stream terminates. */
    final class Slot {

        private final CompletableFuture<StopRequest> stopRequested = new CompletableFuture<>();
        /** True once the turn journaled the end a stop asked for; false when it ended another way. */
        private final CompletableFuture<Boolean> stopped = new CompletableFuture<>();
        private volatile ConversationId id;
        private volatile int turn;
        private volatile boolean journaled;

        /** Names the turn holding this slot, once it is numbered, so that a stop can find it. */
        void assign(ConversationId id, int turn) {
            this.id = id;
            this.turn = turn;
        }

        private boolean holds(ConversationId id, int turn) {
            return id.equals(this.id) && this.turn == turn;
        }

        /** Completes with the first stop asked for: the instance shuts down, or the person clicked Stop. */
        CompletableFuture<StopRequest> stopRequested() {
            return stopRequested.copy(); // a copy: cancelling it must not cancel the stop itself
        }

        /** The first request wins: a shutdown after a user stop (or the other way round) changes nothing. */
        private CompletableFuture<Boolean> stop(StopRequest request) {
            stopRequested.complete(request);
            return stopped.copy();
        }

        /**
         * The turn journaled the terminal record a stop asked for. Shutdown hears it at once; a user's stop only
         * once the turn also let go of its conversation ({@link #release}), so the person's next prompt finds it
         * free instead of getting 409 {@code turn_running}.
         */
        void stopHandled() {
            journaled = true;
            if (!stopRequested.getNow(StopRequest.SHUTDOWN).byUser()) {
                stopped.complete(true);
            }
        }

        /** Called after the turn released its conversation's lease. */
        void release() {
            slots.remove(this);
            stopped.complete(journaled);
        }
    }
}
