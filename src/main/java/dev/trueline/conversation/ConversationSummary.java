package dev.trueline.conversation;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A line of the conversation list: title from the first prompt, status of the last turn. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection // serialized by Jackson
public record ConversationSummary(String id, String title, Instant created, Instant updated, int turns,
        String status) {
}
