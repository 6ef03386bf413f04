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
import dev.trueline.limits.ConcurrencyLimit;
import dev.trueline.problem.ProblemException;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;

/**
 * The turns being generated on this instance, one {@link Slot} each: at most {@code trueline.turn.max-concurrent},
 * none started once shutdown began. Where a stop or a new follower finds a running turn's {@link Generation}. On
 * SIGTERM every running turn is stopped before the HTTP server drains its requests: each journals
 * {@code aborted}/{@code shutdown}, which its followers get as an {@code error} event {@code shutting_down}.
 */
@ApplicationScoped
public class LiveTurns {

    private static final Logger LOG = Logger.getLogger(LiveTurns.class);
    /** How long shutdown waits for running turns to journal their terminal records. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final int max;
    private final Set<Slot> slots = ConcurrentHashMap.newKeySet();
    private boolean stopping;

    public LiveTurns(TurnConfig config) {
        this.max = config.maxConcurrent();
    }

    /** Takes a slot for a new turn, with no per-principal permit to close when it ends. */
    Slot enter() {
        return enter(() -> {
        });
    }

    /**
     * Takes a slot for a new turn, which closes {@code permit} when it is released; refused with 503 while shutting
     * down or when every slot is taken (and then {@code permit} is closed at once).
     */
    Slot enter(ConcurrencyLimit.Permit permit) {
        try {
            return take(permit);
        } catch (ProblemException refused) {
            permit.close();
            throw refused;
        }
    }

    private synchronized Slot take(ConcurrencyLimit.Permit permit) {
        if (stopping) {
            throw new ProblemException(503, "shutting_down", "Shutting down", "This instance is shutting down and "
                    + "starts no new turns; retry, another instance will take it.", Map.of("Retry-After", "5"));
        }
        if (slots.size() >= max) {
            throw new ProblemException(503, "too_many_turns", "Too many turns", "This instance already runs " + max
                    + " turns (trueline.turn.max-concurrent); retry shortly.", Map.of("Retry-After", "1"));
        }
        Slot slot = new Slot(permit);
        slots.add(slot);
        return slot;
    }

    /** Turns holding a slot now. */
    public int count() {
        return slots.size();
    }

    /** The generation of turn {@code turn} of {@code id}, when it runs here. */
    Optional<Generation> find(ConversationId id, int turn) {
        return running(id, turn).map(Running::generation);
    }

    /** Turn {@code turn} of {@code id} and who started it, when it runs here. */
    Optional<Running> running(ConversationId id, int turn) {
        return slots.stream().filter(slot -> slot.holds(id, turn)).map(slot -> new Running(slot.generation,
                slot.owner)).findFirst();
    }

    /** A turn running here: its generation, and the principal who started it (the conversation's owner). */
    record Running(Generation generation, String owner) {
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
        List<CompletableFuture<?>> ending;
        synchronized (this) {
            stopping = true;
            ending = slots.stream().filter(slot -> slot.generation != null)
                    .filter(slot -> slot.generation.stop(StopRequest.SHUTDOWN))
                    .map(slot -> slot.generation.ended().toCompletableFuture()).<CompletableFuture<?>> map(f -> f)
                    .toList();
        }
        if (ending.isEmpty()) {
            return;
        }
        LOG.infof("shutting down: stopped %d running turn(s)", ending.size());
        try {
            CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new))
                    .get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("shutting down: %d turn(s) did not journal their end within %s",
                    ending.stream().filter(f -> !f.isDone()).count(), STOP_WAIT);
        } catch (Exception e) {
            LOG.warnf("shutting down: waiting for running turns failed: %s", e.toString());
        }
    }

    /** One running turn's place; released exactly once, when its generation let go of its conversation. */
    final class Slot {

        private final ConcurrencyLimit.Permit permit;
        private volatile ConversationId id;
        private volatile Generation generation;
        private volatile String owner;

        private Slot(ConcurrencyLimit.Permit permit) {
            this.permit = permit;
        }

        /** The turn holding this slot, once it is numbered and its prompt journaled, and who started it. */
        void hold(ConversationId id, Generation generation, String owner) {
            this.id = id;
            this.owner = owner;
            this.generation = generation; // last: holds() reads it first
        }

        private boolean holds(ConversationId id, int turn) {
            Generation g = generation;
            return g != null && id.equals(this.id) && g.turn() == turn;
        }

        void release() {
            slots.remove(this);
            permit.close(); // a permit ignores a second close
        }
    }
}
