package dev.trueline.adapter.anthropic;

import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.client.SseEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.trueline.adapter.AdapterEvent;
import dev.trueline.adapter.upstream.UpstreamDecoder;
import dev.trueline.adapter.upstream.UpstreamJson;

/**
 * Reads one Messages stream: {@code message_start} (input tokens), {@code content_block_delta} with
 * {@code text_delta} (the text), {@code message_delta} (stop reason, output tokens), {@code message_stop}.
 * {@code ping}, block starts and stops, other delta kinds (thinking, tool input) and event types this version does
 * not know are ignored, as Anthropic asks; an {@code error} event fails the answer.
 */
final class AnthropicStreamDecoder implements UpstreamDecoder {

    /** Anthropic's stop reasons in the words of {@code end.finish}; others are kept as sent. */
    private static final Map<String, String> STOP_REASONS = Map.of(
            "end_turn", "stop",
            "stop_sequence", "stop",
            "max_tokens", "length",
            "refusal", "content_filter",
            "tool_use", "tool_calls");

    private final ObjectMapper mapper;
    private long inputTokens = -1;
    private long outputTokens = -1;
    private String stopReason;

    AnthropicStreamDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public List<AdapterEvent> decode(SseEvent<String> event) {
        JsonNode node = UpstreamJson.object(mapper, event.data(), "a Messages event",
                "Is the base URL the root of the Anthropic API (without /v1)?");
        String type = event.name() != null ? event.name() : node.path("type").asText();
        switch (type) {
            case "message_start":
                count(node.path("message").path("usage"));
                return List.of();
            case "content_block_delta":
                JsonNode delta = node.path("delta");
                String text = delta.path("text").asText("");
                return "text_delta".equals(delta.path("type").asText()) && !text.isEmpty()
                        ? List.of(new AdapterEvent.Text(text))
                        : List.of();
            case "message_delta":
                JsonNode reason = node.path("delta").path("stop_reason");
                if (reason.isTextual()) {
                    stopReason = STOP_REASONS.getOrDefault(reason.asText(), reason.asText());
                }
                count(node.path("usage")); // cumulative counts
                return List.of();
            case "message_stop":
                return List.of(finish());
            case "error":
                JsonNode error = node.path("error");
                throw UpstreamDecoder.modelError(error.path("type").asText("error"),
                        error.path("message").asText(node.toString()));
            default:
                return List.of(); // ping, content_block_start/stop, and types added after this version
        }
    }

    /** Fine after a stop reason without {@code message_stop}. */
    @Override
    public List<AdapterEvent> end() {
        if (stopReason == null) {
            throw UpstreamDecoder.unfinished("no message_stop");
        }
        return List.of(finish());
    }

    private void count(JsonNode usage) {
        inputTokens = usage.path("input_tokens").asLong(inputTokens);
        outputTokens = usage.path("output_tokens").asLong(outputTokens);
    }

    private AdapterEvent finish() {
        AdapterEvent.TokenUsage usage = inputTokens < 0 && outputTokens < 0 ? null
                : new AdapterEvent.TokenUsage(Math.max(0, inputTokens), Math.max(0, outputTokens));
        return new AdapterEvent.Finish(stopReason == null ? "stop" : stopReason, usage);
    }
}
