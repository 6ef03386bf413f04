package dev.trueline.adapter;

/** One earlier message of the conversation, in the adapter's own terms. */
public record ChatMessage(Role role, String text) {

    public enum Role {
        USER,
        ASSISTANT
    }

    public static ChatMessage user(String text) {
        return new ChatMessage(Role.USER, text);
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(Role.ASSISTANT, text);
    }
}
