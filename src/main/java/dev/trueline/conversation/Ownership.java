package dev.trueline.conversation;

import jakarta.enterprise.context.ApplicationScoped;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.Journal;
import io.smallrye.mutiny.Uni;

/**
 * Whose a conversation is: the principal its journal header names ({@link dev.trueline.journal.ConversationRecord}).
 * Every endpoint answers a conversation of somebody else exactly as it answers one that does not exist, so knowing
 * an id tells a caller nothing about other people's conversations. Reads only the header.
 */
@ApplicationScoped
public class Ownership {

    private final Journal journal;

    public Ownership(Journal journal) {
        this.journal = journal;
    }

    /** Whether {@code id} exists and belongs to {@code principal}. */
    public Uni<Boolean> owns(ConversationId id, String principal) {
        return journal.header(id).map(header -> header.isPresent() && header.get().ownedBy().equals(principal));
    }

    /** Whether {@code id} exists and belongs to somebody other than {@code principal}. */
    public Uni<Boolean> isOthers(ConversationId id, String principal) {
        return journal.header(id).map(header -> header.isPresent() && !header.get().ownedBy().equals(principal));
    }
}
