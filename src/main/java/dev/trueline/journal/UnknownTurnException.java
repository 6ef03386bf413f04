package dev.trueline.journal;

/** The turn asked for is not in the conversation's journal (or the conversation is not). */
public class UnknownTurnException extends IllegalArgumentException {

    public UnknownTurnException(ConversationId id, int turn) {
        super("conversation " + id + " has no turn " + turn);
    }
}
