package dev.trueline.journal;

import java.util.regex.Pattern;

/**
 * A validated conversation id: {@code [A-Za-z0-9_-]{1,64}}. The only way a client-supplied string can reach a file
 * name, so anything else ({@code ..}, {@code /}, empty, too long) is refused here, before any file is touched.
 */
public record ConversationId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public ConversationId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidConversationIdException(value);
        }
    }

    /** Parses a raw id, throwing {@link InvalidConversationIdException} when it is not valid. */
    public static ConversationId of(String value) {
        return new ConversationId(value);
    }

    /** Whether {@code value} would be accepted by {@link #of(String)}. */
    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
