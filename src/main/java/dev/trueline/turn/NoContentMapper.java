package dev.trueline.turn;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** {@link NoContentException} is a 204 with no body, not a problem. */
public class NoContentMapper {

    @ServerExceptionMapper
    public Response noContent(NoContentException e) {
        return Response.noContent().build();
    }
}
