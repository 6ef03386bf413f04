package dev.trueline.conversation;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.trueline.journal.Repair;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A conversation as the person saw it, healed from its journal (I4): messages alternate user/assistant, one pair
 * per turn, and {@code repairs} lists what the reader had to skip or cut.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection // serialized by Jackson
public record Transcript(String id, String title, Instant created, Instant updated, int turns, String status,
        List<Message> messages, List<Repair> repairs) {

    public Transcript {
        messages = List.copyOf(messages);
        repairs = List.copyOf(repairs);
    }

    /** The number the next turn gets: turn numbers run 1, 2, 3... and survive restarts. */
    public int nextTurn() {
        return turns + 1;
    }

    public ConversationSummary summary() {
        return new ConversationSummary(id, title, created, updated, turns, status);
    }
}
