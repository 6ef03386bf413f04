package dev.trueline.adapter.upstream;

import java.util.ArrayList;
import java.util.List;

import dev.trueline.adapter.ChatMessage;
import dev.trueline.adapter.ChatRequest;

/**
 * The messages a real model is sent: the history and the new prompt, shaped to what every provider accepts.
 * Messages with no text are dropped (a turn the person saw nothing of; Anthropic refuses empty content), two
 * neighbours of the same role are merged (strict chat templates refuse them), and the list starts with a user turn
 * (Anthropic's rule) and ends with the prompt.
 */
public final class UpstreamHistory {

    private UpstreamHistory() {
    }

    public static List<ChatMessage> alternating(ChatRequest request) {
        List<ChatMessage> all = new ArrayList<>(request.history());
        all.add(ChatMessage.user(request.prompt()));
        List<ChatMessage> shaped = new ArrayList<>();
        for (ChatMessage message : all) {
            if (message.text() == null || message.text().isBlank()) {
                continue;
            }
            if (shaped.isEmpty() && message.role() != ChatMessage.Role.USER) {
                continue;
            }
            ChatMessage last = shaped.isEmpty() ? null : shaped.get(shaped.size() - 1);
            if (last != null && last.role() == message.role()) {
                shaped.set(shaped.size() - 1, new ChatMessage(last.role(), last.text() + "\n\n" + message.text()));
            } else {
                shaped.add(message);
            }
        }
        return shaped;
    }
}
