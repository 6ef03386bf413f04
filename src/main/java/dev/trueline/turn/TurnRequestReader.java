package dev.trueline.turn;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.trueline.problem.ProblemException;

/**
 * Reads a turn request strictly: the body must be a JSON object whose {@code prompt} is a non-empty string (no
 * coercion of numbers or booleans into text) and whose optional {@code model} is a string. Each refusal says
 * exactly what was wrong.
 */
@ApplicationScoped
public class TurnRequestReader {

    private final ObjectMapper mapper;
    private final TurnConfig config;

    public TurnRequestReader(ObjectMapper mapper, TurnConfig config) {
        this.mapper = mapper;
        this.config = config;
    }

    public TurnRequest read(String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null
                    : mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("malformed_json", "The body is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ProblemException.badRequest("invalid_prompt", "The body must be a JSON object like "
                    + "{\"prompt\": \"Hello\"}.");
        }
        String prompt = prompt(node.get("prompt"));
        String model = model(node.get("model"));
        return new TurnRequest(prompt, model);
    }

    private String prompt(JsonNode prompt) {
        if (prompt == null || prompt.isNull()) {
            throw ProblemException.badRequest("invalid_prompt", "The field 'prompt' is missing.");
        }
        if (!prompt.isTextual()) {
            throw ProblemException.badRequest("invalid_prompt", "The field 'prompt' must be a string, not "
                    + prompt.getNodeType().name().toLowerCase() + ".");
        }
        String text = prompt.asText();
        if (text.isBlank()) {
            throw ProblemException.badRequest("invalid_prompt", "The field 'prompt' is empty.");
        }
        wellFormed(text, "invalid_prompt", "prompt");
        int chars = text.codePointCount(0, text.length());
        if (chars > config.maxPromptChars()) {
            throw new ProblemException(413, "prompt_too_long", "Prompt too long", "The prompt has " + chars
                    + " characters; the limit is " + config.maxPromptChars() + " (trueline.turn.max-prompt-chars).");
        }
        return text;
    }

    private String model(JsonNode model) {
        if (model == null || model.isNull()) {
            return null;
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw ProblemException.badRequest("invalid_model", "The field 'model' must be a non-empty string.");
        }
        String name = model.asText();
        wellFormed(name, "invalid_model", "model");
        int chars = name.codePointCount(0, name.length());
        if (chars > config.maxModelChars()) {
            throw ProblemException.badRequest("invalid_model", "The field 'model' has " + chars
                    + " characters; the limit is " + config.maxModelChars() + " (trueline.turn.max-model-chars).");
        }
        return name;
    }

    /**
     * Refuses text with a lone UTF-16 surrogate ({@code "\ud800"} in JSON): it has no UTF-8 form, so the stream
     * would show a replacement character while the journal kept the escape, and screen and journal would differ.
     */
    private static void wellFormed(String text, String code, String field) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ProblemException.badRequest(code, "The field '" + field + "' holds a lone UTF-16 surrogate "
                        + String.format("(\\u%04x)", (int) c) + " at position " + i
                        + ", which is not a character and has no UTF-8 form.");
            }
        }
    }
}
