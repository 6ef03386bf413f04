package dev.trueline.adapter.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.trueline.adapter.ChatMessage;
import dev.trueline.adapter.ChatRequest;

class UpstreamHistoryTest {

    @Test
    void aPlainConversationIsSentAsIs() {
        List<ChatMessage> history = List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello"));

        assertEquals(List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello"), ChatMessage.user("More")),
                UpstreamHistory.alternating(new ChatRequest(history, "More", "m")));
    }

    @Test
    void anAnswerThePersonSawNothingOfIsDroppedAndThePromptsMerged() {
        List<ChatMessage> history = List.of(ChatMessage.user("One"), ChatMessage.assistant(""),
                ChatMessage.user("Two"), ChatMessage.assistant("Partial"));

        assertEquals(List.of(ChatMessage.user("One\n\nTwo"), ChatMessage.assistant("Partial"),
                ChatMessage.user("Three")),
                UpstreamHistory.alternating(new ChatRequest(history, "Three", "m")));
    }

    @Test
    void theMessagesStartWithTheUserAndEndWithThePrompt() {
        List<ChatMessage> history = List.of(ChatMessage.assistant("Welcome"), ChatMessage.user("Hi"),
                ChatMessage.assistant(" "));

        assertEquals(List.of(ChatMessage.user("Hi\n\nAgain")),
                UpstreamHistory.alternating(new ChatRequest(history, "Again", "m")));
    }
}
