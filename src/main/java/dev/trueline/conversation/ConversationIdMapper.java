package dev.trueline.conversation;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.trueline.journal.InvalidConversationIdException;
import dev.trueline.problem.ProblemMappers;

/** A conversation id that could not name a file is a 400, refused before any file is touched. */
public class ConversationIdMapper {

    @ServerExceptionMapper
    public Response invalidId(InvalidConversationIdException e, UriInfo uri) {
        return ProblemMappers.respond(400, "invalid_conversation_id", "Bad request", e.getMessage(), uri).build();
    }
}
