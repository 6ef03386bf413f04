package dev.trueline.adapter.upstream;

import dev.trueline.adapter.ChatMessage;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One message of the conversation a real model is sent, written the same way by Chat Completions and Messages:
 * {@code role} is {@code user} or {@code assistant}, {@code content} never empty ({@link UpstreamHistory}).
 */
@RegisterForReflection // serialized by Jackson
public record UpstreamMessage(String role, String content) {

    public static UpstreamMessage of(ChatMessage message) {
        return new UpstreamMessage(message.role() == ChatMessage.Role.USER ? "user" : "assistant", message.text());
    }
}
