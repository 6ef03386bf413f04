package dev.trueline.adapter.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.trueline.adapter.ChatMessage;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of a streaming Chat Completions request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection // serialized by Jackson
public record OpenAiRequest(
        String model,
        List<Message> messages,
        boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions,
        @JsonProperty("max_tokens") Integer maxTokens,
        Double temperature) {

    /** One chat message: {@code role} is {@code user} or {@code assistant}. */
    @RegisterForReflection // serialized by Jackson
    public record Message(String role, String content) {

        static Message of(ChatMessage message) {
            return new Message(message.role() == ChatMessage.Role.USER ? "user" : "assistant", message.text());
        }
    }

    /** {@code include_usage} makes the server send token usage in a last chunk before {@code [DONE]}. */
    @RegisterForReflection // serialized by Jackson
    public record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {
    }
}
