package dev.trueline.conversation;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.trueline.journal.ConversationId;

/**
 * Who is working on which conversation right now: at most one running turn, or one deletion, per conversation.
 * The healer asks it whether a turn without a terminal record is still running ({@code in_progress}) or was cut
 * off by a crash ({@code server_stopped}).
 */
@ApplicationScoped
public class ActiveTurns {

    private final ConcurrentMap<ConversationId, Lease> leases = new ConcurrentHashMap<>();

    /** Takes the conversation, or returns empty when a turn or a deletion already holds it. */
    public Optional<Lease> tryAcquire(ConversationId id) {
        Lease lease = new Lease(id);
        return leases.putIfAbsent(id, lease) == null ? Optional.of(lease) : Optional.empty();
    }

    /** The turn running in a conversation, if any. */
    public OptionalInt runningTurn(ConversationId id) {
        Lease lease = leases.get(id);
        return lease == null || lease.turn == 0 ? OptionalInt.empty() : OptionalInt.of(lease.turn);
    }

    /** Exclusive hold on one conversation; release it exactly when the work is over. */
    public final class Lease {

        private final ConversationId id;
        private volatile int turn;

        private Lease(ConversationId id) {
            this.id = id;
        }

        /** Marks the lease as running turn {@code number}. */
        public void turn(int number) {
            this.turn = number;
        }

        public void release() {
            leases.remove(id, this);
        }
    }
}
