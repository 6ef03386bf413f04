package dev.trueline.journal.noop;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import dev.trueline.journal.ConversationBusyException;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationLease;
import dev.trueline.journal.ConversationRecord;
import dev.trueline.journal.Journal;
import dev.trueline.journal.JournalCodec;
import dev.trueline.journal.JournalContents;
import dev.trueline.journal.JournalHealth;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.JournalStatus;
import dev.trueline.journal.LeasePurpose;
import dev.trueline.journal.LocalLeases;
import dev.trueline.journal.TerminalRecord;
import dev.trueline.journal.TurnFollow;
import dev.trueline.journal.TurnPage;
import dev.trueline.journal.UserRecord;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * {@code trueline.journal.backend=noop}: a journal that stores nothing durable and does no I/O, for benchmarks alone,
 * so that a run with it and one with the file journal tell what the journal itself costs (issue 10). It keeps, in
 * memory, exactly what the turn pipeline needs to work as it does on the file journal: the leases, the checks of
 * I2 and I3, the live tail of each running turn, and each conversation's header and last turn ({@link LastTurn}), so
 * that followers who join late or resume still get every record, and turns go on being numbered. It keeps no more:
 * a conversation's earlier turns are dropped when the next one begins (its transcript and its history for the model
 * show only the last), and the conversations with no turn running are forgotten oldest first past
 * {@value #RETAINED_RECORDS} records ({@link Retention}). Nothing survives a restart.
 * <p>
 * Every operation runs at once on the calling thread, in memory: a chunk is published to its followers within the
 * append, where the file journal hands it to its I/O pool first. What a run with this journal saves is therefore
 * everything the journal costs, the thread hops included.
 */
public final class NoopJournal implements Journal {

    /** The profile the no-op journal runs in, and no other. */
    public static final String PROFILE = "bench";

    /**
     * Records the conversations with no turn running may hold together: about a hundred bytes each, so some 13 MB,
     * a few seconds of finished turns at a benchmark's rate, far longer than a late follower takes to read one.
     */
    static final long RETAINED_RECORDS = 1 << 17;

    /** Always UP: there is no storage that could fill up or fail. */
    public static final JournalHealth HEALTH = () -> new JournalStatus(true, null, -1, 0);

    private final ConcurrentMap<ConversationId, LastTurn> conversations = new ConcurrentHashMap<>();
    private final LocalLeases leases = new LocalLeases(this);
    private final Retention retention;
    private final int followerBuffer;

    /** @param followerBuffer records a follower reads at a time, and may let wait for it on the live tail */
    NoopJournal(int followerBuffer, long retainedRecords) {
        this.followerBuffer = followerBuffer;
        this.retention = new Retention(retainedRecords);
    }

    /**
     * The no-op journal, in an application whose active profiles are {@code profiles}: refused unless they include
     * {@value #PROFILE}, so that it cannot run in production by accident.
     */
    public static NoopJournal inProfiles(List<String> profiles, int followerBuffer) {
        if (!profiles.contains(PROFILE)) {
            throw new IllegalStateException("trueline.journal.backend=noop stores no conversation at all: it exists "
                    + "for benchmarks and runs only in the profile '" + PROFILE + "', but the active profiles are "
                    + profiles + ". Unset trueline.journal.backend (TRUELINE_JOURNAL_BACKEND) to journal to files, "
                    + "or add the profile (QUARKUS_PROFILE=prod," + PROFILE + ") for a benchmark.");
        }
        return new NoopJournal(followerBuffer, RETAINED_RECORDS);
    }

    @Override
    public Uni<ConversationLease> lease(ConversationId id, LeasePurpose purpose) {
        return now(() -> leases.acquire(id, purpose));
    }

    @Override
    public Uni<Void> append(ConversationId id, JournalRecord record) {
        return now(() -> {
            JournalRecord accepted = conversations.computeIfAbsent(id, LastTurn::new).append(record);
            if (accepted instanceof UserRecord) {
                retention.running(id);
            } else if (accepted instanceof TerminalRecord || accepted instanceof ConversationRecord) {
                LastTurn held = conversations.get(id);
                if (held != null && !held.running()) {
                    retention.idle(id, held.size()).forEach(this::forget);
                }
            }
            return null;
        });
    }

    @Override
    public Uni<Optional<JournalContents>> read(ConversationId id) {
        return now(() -> held(id).map(c -> c.contents().running(leases.runningTurn(id))));
    }

    @Override
    public Uni<Optional<ConversationRecord>> header(ConversationId id) {
        return now(() -> held(id).flatMap(LastTurn::header));
    }

    /** What it holds, encoded as the file journal would write it: the header and the last turn. */
    @Override
    public Uni<Optional<byte[]>> readRaw(ConversationId id) {
        return now(() -> held(id).map(c -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            c.contents().records().forEach(r -> out.writeBytes(JournalCodec.encode(r)));
            return out.toByteArray();
        }));
    }

    @Override
    public Uni<TurnPage> readTurn(ConversationId id, int turn, int after, int limit) {
        return now(() -> held(id).map(c -> c.page(turn, after, limit)).orElseGet(TurnPage::missing));
    }

    @Override
    public Multi<JournalRecord> follow(ConversationId id, int turn, int after) {
        return new TurnFollow(id, turn, after, (from, cursor) -> now(() -> held(id)
                .map(c -> c.follow(turn, from, followerBuffer))
                .orElseGet(() -> new TurnFollow.Read(TurnPage.missing(), null, false)))).records();
    }

    @Override
    public Uni<List<ConversationId>> list() {
        return now(() -> List.copyOf(conversations.keySet()));
    }

    @Override
    public Uni<Boolean> delete(ConversationId id) {
        return now(() -> {
            retention.running(id);
            return conversations.remove(id) != null;
        });
    }

    /** Conversations held now. For tests. */
    int heldConversations() {
        return conversations.size();
    }

    /**
     * Forgets an idle conversation as if it were deleted, under a lease like a deletion: a turn starting in it
     * meanwhile holds the lease from before it reads the header until after its prompt is stored, so it finds the
     * conversation whole or not at all. One that is busy stays, and is counted again when its turn ends.
     */
    private void forget(ConversationId id) {
        ConversationLease lease;
        try {
            lease = leases.acquire(id, LeasePurpose.DELETION);
        } catch (ConversationBusyException busy) {
            return;
        }
        try {
            conversations.computeIfPresent(id, (key, held) -> held.running() ? held : null);
        } finally {
            lease.release();
        }
    }

    private Optional<LastTurn> held(ConversationId id) {
        return Optional.ofNullable(conversations.get(id));
    }

    /** Runs {@code work} when subscribed, on the subscriber's thread: nothing here waits for anything. */
    private static <T> Uni<T> now(Supplier<T> work) {
        return Uni.createFrom().item(work);
    }
}
