package dev.trueline.adapter.anthropic;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.client.SseEvent;

import io.smallrye.mutiny.Multi;

/**
 * The streaming Messages endpoint of the Anthropic API, read as Server-Sent Events. Built by
 * {@code UpstreamAdapter} from {@code trueline.adapter.*}; cancelling the returned {@link Multi} closes the
 * connection.
 */
@Path("/v1/messages")
@RegisterRestClient(configKey = "trueline-anthropic")
@ClientHeaderParam(name = "anthropic-version", value = AnthropicApi.VERSION)
public interface AnthropicApi {

    /** The API version whose event stream {@link AnthropicStreamDecoder} reads. */
    String VERSION = "2023-06-01";

    /** {@code apiKey} is sent as {@code x-api-key}; null sends no header (the upstream then answers 401). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN) // each data line is handed over as text and parsed by the decoder
    Multi<SseEvent<String>> stream(@HeaderParam("x-api-key") String apiKey, AnthropicRequest request);
}
