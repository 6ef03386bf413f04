package dev.trueline.adapter.upstream;

import java.util.List;

/**
 * What a real model is asked, before a provider's wire format shapes it into a request body: the model, the
 * conversation shaped by {@link UpstreamHistory}, the most tokens it may write, and the sampling temperature (null
 * for the provider's own default).
 */
public record UpstreamRequest(String model, List<UpstreamMessage> messages, int maxTokens, Double temperature) {

    public UpstreamRequest {
        messages = List.copyOf(messages);
    }
}
