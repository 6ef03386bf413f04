package dev.trueline.adapter.anthropic;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.trueline.adapter.ChatMessage;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of a streaming Messages request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection // serialized by Jackson
public record AnthropicRequest(
        String model,
        List<Message> messages,
        @JsonProperty("max_tokens") int maxTokens,
        boolean stream,
        Double temperature) {

    /** One message: {@code role} is {@code user} or {@code assistant}, {@code content} never empty. */
    @RegisterForReflection // serialized by Jackson
    public record Message(String role, String content) {

        static Message of(ChatMessage message) {
            return new Message(message.role() == ChatMessage.Role.USER ? "user" : "assistant", message.text());
        }
    }
}
