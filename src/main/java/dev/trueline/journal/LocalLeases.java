package dev.trueline.journal;

import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.smallrye.mutiny.Uni;

/**
 * The leases of a journal that one process alone writes (the file journal, the no-op journal): who holds a
 * conversation is a map in memory.
 * A lease that was released refuses further appends, so a late record of a finished holder cannot slip in.
 */
public final class LocalLeases {

    private final ConcurrentMap<ConversationId, Lease> held = new ConcurrentHashMap<>();
    private final Journal journal;

    public LocalLeases(Journal journal) {
        this.journal = journal;
    }

    public ConversationLease acquire(ConversationId id, LeasePurpose purpose) {
        Lease lease = new Lease(id, purpose);
        Lease holder = held.putIfAbsent(id, lease);
        if (holder != null) {
            throw new ConversationBusyException(id, holder.purpose);
        }
        return lease;
    }

    /** The turn a live lease runs in the conversation, if any. */
    public OptionalInt runningTurn(ConversationId id) {
        Lease lease = held.get(id);
        return lease == null || lease.turn == 0 ? OptionalInt.empty() : OptionalInt.of(lease.turn);
    }

    private final class Lease implements ConversationLease {

        private final ConversationId id;
        private final LeasePurpose purpose;
        private volatile int turn;
        private volatile boolean released;

        Lease(ConversationId id, LeasePurpose purpose) {
            this.id = id;
            this.purpose = purpose;
        }

        @Override
        public ConversationId conversation() {
            return id;
        }

        @Override
        public Uni<Void> append(JournalRecord record) {
            if (released) {
                return Uni.createFrom().failure(new IllegalStateException("the lease on " + id + " was released"));
            }
            return journal.append(id, record);
        }

        @Override
        public void runs(int turn) {
            this.turn = turn;
        }

        @Override
        public Uni<Boolean> delete() {
            return journal.delete(id);
        }

        @Override
        public void release() {
            released = true;
            held.remove(id, this);
        }
    }
}
