package dev.trueline.adapter;

import java.util.List;

/**
 * What the model is asked: the conversation so far ({@code history}, alternating user/assistant, assistant turns
 * as the text the person saw), the new {@code prompt}, and the {@code model} to use.
 */
public record ChatRequest(List<ChatMessage> history, String prompt, String model) {

    public ChatRequest {
        history = List.copyOf(history);
    }
}
