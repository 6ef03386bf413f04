package dev.trueline.conversation;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.trueline.journal.JournalUnavailableException;
import dev.trueline.problem.ProblemMappers;

/**
 * A journal that cannot be read or written is a 503 with {@code Retry-After}, not a 500: the service is fine, its
 * storage is not, and nothing already journaled is lost. The cause (with file paths) is logged, never sent.
 */
public class JournalUnavailableMapper {

    private static final Logger LOG = Logger.getLogger(JournalUnavailableMapper.class);

    @ServerExceptionMapper
    public Response unavailable(JournalUnavailableException e, UriInfo uri) {
        LOG.errorf("journal unavailable on %s: %s", uri.getPath(), e.getMessage());
        return ProblemMappers.respond(503, "journal_unavailable", "Journal unavailable",
                "The journal cannot be read or written right now; nothing already journaled is lost. Try again later.",
                uri).header("Retry-After", "5").build();
    }
}
