package dev.trueline.adapter.upstream;

import java.util.Optional;
import java.util.function.Function;

import org.jboss.resteasy.reactive.client.SseEvent;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.trueline.adapter.UpstreamHealthCheck;
import io.smallrye.mutiny.Multi;

/**
 * One model provider's wire format: all that differs between two providers, as values. {@link UpstreamAdapter}
 * does the rest the same way for every provider: the history it sends, the REST client, the watchdog, the failure
 * codes and messages, and the cancellation.
 *
 * @param kind the {@code trueline.adapter.kind} that selects the provider; its settings are
 *        {@code trueline.adapter.<kind>.*} (which {@link UpstreamHealthCheck} relies on too), so their environment
 *        variables start with {@code TRUELINE_ADAPTER_<KIND>}
 * @param label how failure messages name the provider, e.g. {@code Anthropic upstream}
 * @param api the REST client interface: the request's path and fixed headers
 * @param body the request body that asks for a streamed answer
 * @param sender sends a body, with the configured key in the header the provider wants it in
 * @param decoder makes the decoder of one answer's event stream
 * @param <A> the REST client interface
 * @param <B> the request body, written by Jackson
 */
public record UpstreamProtocol<A, B>(
        String kind,
        String label,
        Class<A> api,
        Function<UpstreamRequest, B> body,
        Sender<A, B> sender,
        Function<ObjectMapper, UpstreamDecoder> decoder) {

    /** How a provider's request goes out. */
    @FunctionalInterface
    public interface Sender<A, B> {

        /** Cold: nothing is sent before the stream is subscribed, and cancelling it closes the connection. */
        Multi<SseEvent<String>> send(A api, Optional<String> apiKey, B body);
    }
}
