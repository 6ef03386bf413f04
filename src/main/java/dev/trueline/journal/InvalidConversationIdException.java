package dev.trueline.journal;

/** Thrown when a conversation id does not match {@code [A-Za-z0-9_-]{1,64}}. */
public class InvalidConversationIdException extends IllegalArgumentException {

    public InvalidConversationIdException(String value) {
        super("conversation id must match [A-Za-z0-9_-]{1,64}, got " + describe(value));
    }

    private static String describe(String value) {
        if (value == null) {
            return "nothing";
        }
        if (value.isEmpty()) {
            return "an empty string";
        }
        return value.length() > 80 ? "a string of " + value.length() + " characters" : "'" + value + "'";
    }
}
