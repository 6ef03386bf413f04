package dev.trueline.adapter.anthropic;

import java.util.List;

import org.jboss.resteasy.reactive.client.SseEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.trueline.adapter.AdapterEvent;
import dev.trueline.adapter.AdapterException;
import dev.trueline.adapter.upstream.UpstreamJson;
import dev.trueline.adapter.upstream.UpstreamQuote;

/**
 * Reads one Messages stream: {@code message_start} (input tokens), {@code content_block_delta} with
 * {@code text_delta} (the text), {@code message_delta} (stop reason, output tokens), {@code message_stop}.
 * {@code ping}, block starts and stops, other delta kinds (thinking, tool input) and event types this version does
 * not know are ignored, as Anthropic asks; an {@code error} event fails the answer. One decoder per stream.
 */
final class AnthropicStreamDecoder {

    private final ObjectMapper mapper;
    private long inputTokens = -1;
    private long outputTokens = -1;
    private String stopReason;
    private boolean done;

    AnthropicStreamDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    List<AdapterEvent> decode(SseEvent<String> event) {
        String data = event.data();
        if (done || data == null || data.isBlank()) {
            return List.of();
        }
        JsonNode node = parse(data);
        String type = event.name() != null ? event.name() : node.path("type").asText();
        switch (type) {
            case "message_start":
                JsonNode started = node.path("message").path("usage");
                inputTokens = started.path("input_tokens").asLong(inputTokens);
                outputTokens = started.path("output_tokens").asLong(outputTokens);
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
                    stopReason = normalize(reason.asText());
                }
                JsonNode usage = node.path("usage"); // cumulative counts
                inputTokens = usage.path("input_tokens").asLong(inputTokens);
                outputTokens = usage.path("output_tokens").asLong(outputTokens);
                return List.of();
            case "message_stop":
                done = true;
                return List.of(finish());
            case "error":
                JsonNode error = node.path("error");
                throw new AdapterException(AdapterException.UPSTREAM_ERROR, "The model stopped with an error ("
                        + error.path("type").asText("error") + "): " + UpstreamQuote.of(error.path("message").asText(
                                node.toString()), UpstreamQuote.EVENT));
            default:
                return List.of(); // ping, content_block_start/stop, and types added after this version
        }
    }

    /** The stream ended: fine after {@code message_stop} or a stop reason, a broken answer otherwise. */
    List<AdapterEvent> end() {
        if (done) {
            return List.of();
        }
        if (stopReason != null) {
            done = true;
            return List.of(finish());
        }
        throw new AdapterException(AdapterException.UPSTREAM_UNAVAILABLE,
                "The upstream closed the stream before the answer was finished (no message_stop). Try again.");
    }

    private AdapterEvent finish() {
        AdapterEvent.TokenUsage usage = inputTokens < 0 && outputTokens < 0 ? null
                : new AdapterEvent.TokenUsage(Math.max(0, inputTokens), Math.max(0, outputTokens));
        return new AdapterEvent.Finish(stopReason == null ? "stop" : stopReason, usage);
    }

    private JsonNode parse(String data) {
        return UpstreamJson.object(mapper, data, "a Messages event",
                "Is the base URL the root of the Anthropic API (without /v1)?");
    }

    /** Anthropic's stop reasons in the words of {@code end.finish}. */
    static String normalize(String reason) {
        switch (reason) {
            case "end_turn":
            case "stop_sequence":
                return "stop";
            case "max_tokens":
                return "length";
            case "refusal":
                return "content_filter";
            case "tool_use":
                return "tool_calls";
            default:
                return reason;
        }
    }

}
