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
        JsonNode prompt = node.get("prompt");
        if (prompt == null || prompt.isNull()) {
            throw ProblemException.badRequest("invalid_prompt", "The field 'prompt' is missing.");
        }
        if (!prompt.isTextual()) {
            throw ProblemException.badRequest("invalid_prompt", "The field 'prompt' must be a string, not "
                    + prompt.getNodeType().name().toLowerCase() + ".");
        }
        if (prompt.asText().isBlank()) {
            throw ProblemException.badRequest("invalid_prompt", "The field 'prompt' is empty.");
        }
        if (prompt.asText().length() > config.maxPromptChars()) {
            throw new ProblemException(413, "prompt_too_long", "Prompt too long", "The prompt has "
                    + prompt.asText().length() + " characters; the limit is " + config.maxPromptChars()
                    + " (trueline.turn.max-prompt-chars).");
        }
        JsonNode model = node.get("model");
        if (model != null && !model.isNull() && (!model.isTextual() || model.asText().isBlank())) {
            throw ProblemException.badRequest("invalid_model", "The field 'model' must be a non-empty string.");
        }
        return new TurnRequest(prompt.asText(), model == null || model.isNull() ? null : model.asText());
    }
}
