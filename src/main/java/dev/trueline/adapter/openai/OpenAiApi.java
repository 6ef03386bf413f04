package dev.trueline.adapter.openai;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.jboss.resteasy.reactive.client.SseEvent;

import io.smallrye.mutiny.Multi;

/**
 * The streaming Chat Completions endpoint of an OpenAI-compatible server, read as Server-Sent Events. Built by
 * {@code UpstreamAdapter} from {@code trueline.adapter.*}; cancelling the returned {@link Multi} closes the connection.
 */
@Path("/chat/completions")
@RegisterRestClient(configKey = "trueline-openai")
public interface OpenAiApi {

    /** {@code authorization} is {@code Bearer <key>}, or null for servers that need no key (no header is sent). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN) // each data line is handed over as text and parsed by the decoder
    Multi<SseEvent<String>> stream(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            OpenAiRequest request);
}
