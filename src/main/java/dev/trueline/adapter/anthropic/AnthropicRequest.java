package dev.trueline.adapter.anthropic;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.trueline.adapter.upstream.UpstreamMessage;
import dev.trueline.adapter.upstream.UpstreamRequest;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of a streaming Messages request. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection // serialized by Jackson
public record AnthropicRequest(
        String model,
        List<UpstreamMessage> messages,
        @JsonProperty("max_tokens") int maxTokens,
        boolean stream,
        Double temperature) {

    /** Asks for a streamed answer. */
    static AnthropicRequest of(UpstreamRequest request) {
        return new AnthropicRequest(request.model(), request.messages(), request.maxTokens(), true,
                request.temperature());
    }
}
