package dev.trueline.adapter.upstream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.trueline.adapter.AdapterException;

/** Reading the JSON payload of one upstream stream event, shared by the protocol decoders. */
public final class UpstreamJson {

    private UpstreamJson() {
    }

    /**
     * The event's data as a JSON object, or an {@code upstream_protocol} failure that quotes the data and ends
     * with {@code hint} (what the configuration probably gets wrong).
     */
    public static JsonNode object(ObjectMapper mapper, String data, String expected, String hint) {
        try {
            JsonNode node = mapper.readTree(data);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // reported below, with the data itself
        }
        throw new AdapterException(AdapterException.UPSTREAM_PROTOCOL, "The upstream sent a stream event that is "
                + "not " + expected + ": '" + UpstreamQuote.of(data, UpstreamQuote.EVENT) + "'. " + hint);
    }
}
