package dev.trueline.turn;

import java.util.List;

import dev.trueline.adapter.ChatMessage;
import dev.trueline.conversation.Message;
import dev.trueline.conversation.Transcript;

/** The history a model gets: the healed transcript, assistant turns as the text the person saw. */
final class TurnHistory {

    private TurnHistory() {
    }

    static List<ChatMessage> of(Transcript transcript) {
        return transcript.messages().stream()
                .map(m -> Message.USER.equals(m.role()) ? ChatMessage.user(m.text()) : ChatMessage.assistant(m.text()))
                .toList();
    }
}
