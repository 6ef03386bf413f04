package dev.trueline.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Renders every error a client can see before a stream starts as {@code application/problem+json}: Trueline's own
 * {@link ProblemException}s, the HTTP layer's refusals (404, 405, 406, 413, 415, ...) and, as a last resort,
 * unexpected failures (500, logged, with no internals in the body).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = respond(e.status(), e.code(), e.title(), e.getMessage(), uri);
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.StatusType type = e.getResponse().getStatusInfo();
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
        return respond(status, code, type.getReasonPhrase(), e.getMessage(), uri).build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        LOG.errorf(e, "unexpected failure on %s", uri.getPath());
        return respond(500, "internal_error", "Internal Server Error",
                "The server failed unexpectedly; the failure was logged.", uri).build();
    }

    /** A problem response with the given status and stable code. */
    public static Response.ResponseBuilder respond(int status, String code, String title, String detail, UriInfo uri) {
        Problem body = new Problem(Problem.typeFor(code), title, status, detail, uri.getPath(), code);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body);
    }
}
