package dev.trueline.adapter.openai;

import java.util.ArrayList;
import java.util.List;

import org.jboss.resteasy.reactive.client.SseEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.trueline.adapter.AdapterEvent;
import dev.trueline.adapter.AdapterException;
import dev.trueline.adapter.upstream.UpstreamJson;
import dev.trueline.adapter.upstream.UpstreamQuote;

/**
 * Reads one Chat Completions stream: {@code data: {...choices[0].delta.content...}} events, a {@code finish_reason},
 * an optional usage chunk, then {@code data: [DONE]}. Comments and empty events (keep-alives) are skipped. One
 * decoder per stream: it remembers the finish reason and usage until the end.
 */
final class OpenAiStreamDecoder {

    private static final String DONE = "[DONE]";

    private final ObjectMapper mapper;
    private String finishReason;
    private AdapterEvent.TokenUsage usage;
    private boolean done;

    OpenAiStreamDecoder(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    List<AdapterEvent> decode(SseEvent<String> event) {
        String data = event.data();
        if (done || data == null || data.isBlank()) {
            return List.of();
        }
        if (DONE.equals(data.strip())) {
            done = true;
            return List.of(finish());
        }
        JsonNode chunk = parse(data);
        JsonNode error = chunk.get("error");
        if ("error".equals(event.name()) || error != null) {
            throw midStreamError(error == null ? chunk : error);
        }
        List<AdapterEvent> events = new ArrayList<>(1);
        JsonNode reported = chunk.get("usage");
        if (reported != null && reported.isObject()) {
            usage = new AdapterEvent.TokenUsage(reported.path("prompt_tokens").asLong(),
                    reported.path("completion_tokens").asLong());
        }
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
                finishReason = normalize(reason.asText());
            }
        }
        return events;
    }

    /** The stream ended: fine after {@code [DONE]} or a finish reason, a broken answer otherwise. */
    List<AdapterEvent> end() {
        if (done) {
            return List.of();
        }
        if (finishReason != null) {
            done = true;
            return List.of(finish()); // some servers close without [DONE]
        }
        throw new AdapterException(AdapterException.UPSTREAM_UNAVAILABLE,
                "The upstream closed the stream before the answer was finished (no finish_reason, no [DONE]). "
                        + "Try again.");
    }

    private AdapterEvent finish() {
        return new AdapterEvent.Finish(finishReason == null ? "stop" : finishReason, usage);
    }

    private JsonNode parse(String data) {
        return UpstreamJson.object(mapper, data, "a Chat Completions chunk",
                "Is the base URL the root of an OpenAI-compatible API (ending in /v1)?");
    }

    private static AdapterException midStreamError(JsonNode error) {
        String message = error.path("message").isTextual() ? error.path("message").asText() : error.toString();
        return new AdapterException(AdapterException.UPSTREAM_ERROR, "The model stopped with an error: "
                + UpstreamQuote.of(message, UpstreamQuote.EVENT));
    }

    static String normalize(String reason) {
        switch (reason) {
            case "function_call":
                return "tool_calls";
            case "eos":
            case "end_turn":
                return "stop";
            default:
                return reason;
        }
    }

}
