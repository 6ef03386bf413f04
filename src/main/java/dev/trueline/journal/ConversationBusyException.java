package dev.trueline.journal;

/** The conversation's lease is held by someone else: a running turn, or a deletion in progress. */
public class ConversationBusyException extends IllegalStateException {

    private final LeasePurpose heldFor;

    public ConversationBusyException(ConversationId id, LeasePurpose heldFor) {
        super("conversation " + id + " is held for a " + heldFor.name().toLowerCase());
        this.heldFor = heldFor;
    }

    /** What the current holder does with the conversation. */
    public LeasePurpose heldFor() {
        return heldFor;
    }
}
