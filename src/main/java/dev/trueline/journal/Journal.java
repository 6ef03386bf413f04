package dev.trueline.journal;

import java.util.List;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * The append-only record of every conversation. All operations on one conversation run in the order they were
 * subscribed, one at a time, off the event loop. Nothing outside this package knows how records are stored.
 */
public interface Journal {

    /**
     * Appends a record; the Uni completes once the record was handed to the operating system (and, depending on
     * the sync mode, forced to disk). The first append of a conversation writes its header first.
     * <p>
     * Upholds I2 and I3 for the caller: a chunk must continue the turn opened by the last {@link UserRecord} with
     * the next {@code seq}, and no record of a turn is accepted after its terminal record; such appends fail with
     * {@link TurnClosedException}. For {@link Accounted} records the writer fills in {@code journaled}.
     */
    Uni<Void> append(ConversationId id, JournalRecord record);

    /** The parsed records of a conversation, or empty when it does not exist. */
    Uni<Optional<JournalContents>> read(ConversationId id);

    /** The raw bytes of a conversation's journal, or empty when it does not exist. */
    Uni<Optional<byte[]>> readRaw(ConversationId id);

    /** Every conversation in the journal, in no particular order. */
    Uni<List<ConversationId>> list();

    /** Deletes a conversation; false when it did not exist. */
    Uni<Boolean> delete(ConversationId id);
}
