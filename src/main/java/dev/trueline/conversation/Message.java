package dev.trueline.conversation;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One message of a healed transcript. User messages carry {@code text} and {@code ts}. Assistant messages carry
 * the text the person saw and a {@code status}: {@code complete}, {@code interrupted} (with a {@code reason}:
 * {@code client_disconnect}, {@code user_stop}, {@code shutdown}, {@code slow_client} or {@code server_stopped}),
 * {@code failed} (with an {@code error}) or {@code in_progress}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection // serialized by Jackson
public record Message(String role, int turn, Instant ts, String text, String status, String reason, String finish,
        Integer chunks, Integer delivered, Integer journaled, Usage usage, Error error, String model) {

    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";

    public static final String COMPLETE = "complete";
    public static final String INTERRUPTED = "interrupted";
    public static final String FAILED = "failed";
    public static final String IN_PROGRESS = "in_progress";

    /** Reason of a turn with no terminal record whose process is gone. */
    public static final String SERVER_STOPPED = "server_stopped";

    @RegisterForReflection // serialized by Jackson
    public record Usage(long input, long output) {
    }

    @RegisterForReflection // serialized by Jackson
    public record Error(String code, String message) {
    }

    public static Message user(int turn, Instant ts, String text, String model) {
        return new Message(USER, turn, ts, text, null, null, null, null, null, null, null, null, model);
    }
}
