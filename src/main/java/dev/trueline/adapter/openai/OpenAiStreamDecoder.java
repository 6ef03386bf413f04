package dev.trueline.adapter.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.client.SseEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.trueline.adapter.AdapterEvent;
import dev.trueline.adapter.upstream.UpstreamDecoder;
import dev.trueline.adapter.upstream.UpstreamJson;

/**
 * Reads one Chat Completions stream: {@code data: {...choices[0].delta.content...}} events, a {@code finish_reason},
 * an optional usage chunk, then {@code data: [DONE]}. It remembers the finish reason and usage until the end.
 */
final class OpenAiStreamDecoder implements UpstreamDecoder {

    private static final String DONE = "[DONE]";
    /** Finish reasons some compatible servers use, in the words of {@code end.finish}; others are kept as sent. */
    private static final Map<String, String> FINISH_REASONS = Map.of(
            "function_call", "tool_calls",
            "eos", "stop",
            "end_turn", "stop");

    private final ObjectMapper mapper;
    private String finishReason;
    private AdapterEvent.TokenUsage usage;

    OpenAiStreamDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public List<AdapterEvent> decode(SseEvent<String> event) {
        if (DONE.equals(event.data().strip())) {
            return List.of(finish());
        }
        JsonNode chunk = UpstreamJson.object(mapper, event.data(), "a Chat Completions chunk",
                "Is the base URL the root of an OpenAI-compatible API (ending in /v1)?");
        JsonNode error = chunk.get("error");
        if ("error".equals(event.name()) || error != null) {
            JsonNode reported = error == null ? chunk : error;
            throw UpstreamDecoder.modelError(null,
                    reported.path("message").isTextual() ? reported.path("message").asText() : reported.toString());
        }
        JsonNode reported = chunk.get("usage");
        if (reported != null && reported.isObject()) {
            usage = new AdapterEvent.TokenUsage(reported.path("prompt_tokens").asLong(),
                    reported.path("completion_tokens").asLong());
        }
        List<AdapterEvent> events = new ArrayList<>(1);
        for (JsonNode choice : chunk.path("choices")) {
            if (choice.path("index").asInt(0) != 0) {
                continue; // Trueline asks for one answer
            }
            JsonNode content = choice.path("delta").path("content");
            if (content.isTextual() && !content.asText().isEmpty()) {
                events.add(new AdapterEvent.Text(content.asText()));
            }
            JsonNode reason = choice.get("finish_reason");
            if (reason != null && reason.isTextual()) {
                finishReason = FINISH_REASONS.getOrDefault(reason.asText(), reason.asText());
            }
        }
        return events;
    }

    /** Fine after a finish reason without {@code [DONE]}: some servers close the stream that way. */
    @Override
    public List<AdapterEvent> end() {
        if (finishReason == null) {
            throw UpstreamDecoder.unfinished("no finish_reason, no [DONE]");
        }
        return List.of(finish());
    }

    private AdapterEvent finish() {
        return new AdapterEvent.Finish(finishReason == null ? "stop" : finishReason, usage);
    }
}
