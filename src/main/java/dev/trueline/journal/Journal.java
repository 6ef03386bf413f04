package dev.trueline.journal;

import java.util.List;
import java.util.Optional;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The append-only record of every conversation. All operations on one conversation run in the order they were
 * subscribed, one at a time, off the event loop. Nothing outside this package and its backends knows how records are
 * stored.
 */
public interface Journal {

    /**
     * Takes the conversation for a turn or a deletion. Fails with {@link ConversationBusyException} when someone holds
     * it; the lease is the only way to write it.
     */
    Uni<ConversationLease> lease(ConversationId id, LeasePurpose purpose);

    /**
     * Appends a record; the Uni completes once the record was handed to the operating system (and, depending on the
     * sync mode, forced to disk): only then is it readable, and published to followers (I1). The first append of a
     * conversation writes its header first. Callers write through the conversation's {@link ConversationLease}.
     * <p>
     * Upholds I2 and I3 for the caller: a chunk must continue the turn opened by the last {@link UserRecord} with the
     * next {@code seq} ({@link ChunkOutOfSequenceException} otherwise), and no record of a turn is accepted after its
     * terminal record ({@link TurnClosedException}). For {@link Accounted} records the writer fills in
     * {@code journaled}.
     */
    Uni<Void> append(ConversationId id, JournalRecord record);

    /** The parsed records of a conversation and its running turn, or empty when it does not exist. */
    Uni<Optional<JournalContents>> read(ConversationId id);

    /**
     * A conversation's header (who owns it), read without reading the rest; empty when it does not exist. A
     * conversation begins with the {@link ConversationRecord} its first {@link #append} brings, or, when that is not
     * one, with a header that names no owner.
     */
    Uni<Optional<ConversationRecord>> header(ConversationId id);

    /** The raw bytes of a conversation's journal, or empty when it does not exist. */
    Uni<Optional<byte[]>> readRaw(ConversationId id);

    /**
     * A ranged read: the records of turn {@code turn} after position {@code after} (-1 for all of them, its prompt
     * included; a chunk's position is its seq), at most {@code limit}. Its cost depends on the turn's size, not on
     * how long the conversation is.
     */
    Uni<TurnPage> readTurn(ConversationId id, int turn, int after, int limit);

    /**
     * Follows one turn: its records after position {@code after} as the journal holds them, then, while the turn
     * runs, each new one once it is written (I1), in order, with no gap and no repeat, until the terminal record,
     * after which the stream completes. A turn that has no terminal record and no live writer (its process died)
     * completes after its last journaled chunk: without a terminal record on a journal that one process writes, and
     * on one that several processes share (Redis), with the {@code aborted}/{@code server_stopped} end that the
     * follower's own process journals for the dead writer, fenced, unless another did first. A follower that falls behind the
     * live records is
     * served from the journal again, so it never holds more than a bounded buffer nor slows the writer. Fails with
     * {@link UnknownTurnException} when the turn is not in the journal.
     */
    Multi<JournalRecord> follow(ConversationId id, int turn, int after);

    /** Every conversation in the journal, in no particular order. */
    Uni<List<ConversationId>> list();

    /** Deletes a conversation; false when it did not exist. Callers delete through a {@link ConversationLease}. */
    Uni<Boolean> delete(ConversationId id);

    /**
     * Asks the process that runs turn {@code turn} of {@code id}, when it is another one, to stop it as a person's
     * Stop with {@code seen} (the seq of the last chunk they rendered) does: the holder of the turn's lease learns it
     * through {@link ConversationLease#onStopRequest} and journals {@code aborted}/{@code user_stop}; the caller
     * follows the turn ({@link #follow}) for its terminal record. Completes with true when the request was recorded
     * for the lease that runs the turn now; false when no lease runs it (it is over or never ran), when a stop of it
     * was asked for already, or when the journal is written by one process alone: then every running turn is this
     * process's own, and there is nobody else to ask (the file and no-op journals).
     */
    default Uni<Boolean> requestStop(ConversationId id, int turn, int seen) {
        return Uni.createFrom().item(false);
    }

    /**
     * A follower in this process of turn {@code turn} of {@code id}, which another process writes, having seen up to
     * {@code from}: the writer counts it as a follower for as long as it is present, and takes what it was handed
     * into the turn's {@code delivered} (I6; it cannot journal its own departure: the writer holds the lease).
     * {@link FollowerPresence#NONE} on a journal that one process writes, where every running turn is this
     * process's own.
     */
    default FollowerPresence present(ConversationId id, int turn, int from) {
        return FollowerPresence.NONE;
    }

    /**
     * For the writer of turn {@code turn} of {@code id}: its followers in other processes ({@link #present}), how
     * many follow it now and the furthest any of them got. {@link FollowersElsewhere#NONE} on a journal that one
     * process writes.
     */
    default Uni<FollowersElsewhere> followersElsewhere(ConversationId id, int turn) {
        return Uni.createFrom().item(FollowersElsewhere.NONE);
    }
}
