package dev.trueline.conversation;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.trueline.journal.ConversationBusyException;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.Journal;
import dev.trueline.journal.JournalContents;
import dev.trueline.journal.JournalUnavailableException;
import dev.trueline.journal.LeasePurpose;
import dev.trueline.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Reading conversations back: healed transcripts, the list, raw journals, deletion, each for one principal: a
 * conversation of somebody else is answered as one that does not exist ({@link Ownership}).
 */
@ApplicationScoped
public class ConversationService {

    private static final Logger LOG = Logger.getLogger(ConversationService.class);

    private final Journal journal;
    private final Ownership ownership;

    public ConversationService(Journal journal, Ownership ownership) {
        this.journal = journal;
        this.ownership = ownership;
    }

    /** The healed transcript, or empty when the conversation does not exist or is not {@code principal}'s. */
    public Uni<Optional<Transcript>> find(ConversationId id, String principal) {
        return ownership.owns(id, principal).chain(owned -> owned
                ? journal.read(id).map(contents -> contents.map(c -> Healer.heal(id, c)))
                : Uni.createFrom().item(Optional.empty()));
    }

    /**
     * The transcript a new turn continues, read while the new turn holds the conversation's lease: a turn without a
     * terminal record in it cannot be running any more, so it is healed as {@code server_stopped}.
     */
    public Uni<Transcript> forNewTurn(ConversationId id) {
        return journal.read(id).map(contents -> Healer.heal(id, contents
                .orElseGet(() -> new JournalContents(List.of(), List.of()))
                .running(OptionalInt.empty())));
    }

    public Uni<Transcript> get(ConversationId id, String principal) {
        return find(id, principal).map(t -> t.orElseThrow(() -> unknown(id)));
    }

    /** Every conversation of {@code principal}, most recently updated first. */
    public Uni<List<ConversationSummary>> list(String principal) {
        return journal.list()
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                // one unreadable journal must not hide every other conversation from the list
                .onItem().transformToUniAndMerge(id -> find(id, principal)
                        .onFailure(JournalUnavailableException.class).invoke(e -> LOG.warnf(
                                "conversation %s left out of the list: %s", id, e.getMessage()))
                        .onFailure(JournalUnavailableException.class).recoverWithItem(Optional.empty()))
                .filter(Optional::isPresent)
                .map(t -> t.get().summary())
                .collect().asList()
                .map(all -> all.stream()
                        .sorted(Comparator.comparing(ConversationSummary::updated,
                                Comparator.nullsLast(Comparator.reverseOrder()))
                                .thenComparing(ConversationSummary::id))
                        .toList());
    }

    public Uni<byte[]> raw(ConversationId id, String principal) {
        return ownership.owns(id, principal).chain(owned -> owned ? journal.readRaw(id)
                : Uni.createFrom().item(Optional.<byte[]> empty()))
                .map(bytes -> bytes.orElseThrow(() -> unknown(id)));
    }

    /**
     * Deletes a conversation of {@code principal} under its lease; refused with 409 while a turn runs in it (or
     * another deletion), with 404 when it does not exist or is somebody else's: whose it is is checked before the
     * lease is asked for, so a conversation of somebody else that happens to be busy is not told apart from a
     * missing one either.
     */
    public Uni<Void> delete(ConversationId id, String principal) {
        return ownership.isOthers(id, principal)
                .invoke(others -> {
                    if (others) {
                        throw unknown(id);
                    }
                })
                .chain(() -> journal.lease(id, LeasePurpose.DELETION))
                .onFailure(ConversationBusyException.class).transform(e -> busy(id, (ConversationBusyException) e,
                        "stop it before deleting"))
                // and again under the lease, which nobody else can create the conversation under meanwhile
                .chain(lease -> ownership.isOthers(id, principal)
                        .chain(others -> others ? Uni.createFrom().item(false) : lease.delete())
                        .eventually(lease::release))
                .map(existed -> {
                    if (!existed) {
                        throw unknown(id);
                    }
                    return null;
                });
    }

    /**
     * The 409 for a conversation someone else holds, saying what they are doing with it: {@code turn_running} with
     * {@code advice} for what to do about the running turn, or {@code conversation_busy} while it is being deleted.
     */
    public static ProblemException busy(ConversationId id, ConversationBusyException e, String advice) {
        return e.heldFor() == LeasePurpose.DELETION
                ? ProblemException.conflict("conversation_busy", "Conversation " + id
                        + " is being deleted right now; try again in a moment.")
                : ProblemException.conflict("turn_running", "Conversation " + id
                        + " already has a turn running; " + advice + ".");
    }

    /**
     * The 404 of a conversation that does not exist, or is somebody else's: the same body either way (the id is in
     * the problem's {@code instance}, not in its detail), so the answer does not tell the two apart.
     */
    public static ProblemException unknown(ConversationId id) {
        return ProblemException.notFound("conversation_not_found", "There is no such conversation.");
    }
}
