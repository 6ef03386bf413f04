package dev.trueline.adapter.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.trueline.adapter.upstream.UpstreamMessage;
import dev.trueline.adapter.upstream.UpstreamRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of a streaming Chat Completions request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection // serialized by Jackson
public record OpenAiRequest(
        String model,
        List<UpstreamMessage> messages,
        boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions,
        @JsonProperty("max_tokens") Integer maxTokens,
        Double temperature) {

    /** Asks for a streamed answer, with the token usage in the stream. */
    static OpenAiRequest of(UpstreamRequest request) {
        return new OpenAiRequest(request.model(), request.messages(), true, new StreamOptions(true),
                request.maxTokens(), request.temperature());
    }

    /** {@code include_usage} makes the server send token usage in a last chunk before {@code [DONE]}. */
    @RegisterForReflection // serialized by Jackson
    public record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {
    }
}
