package dev.trueline.turn;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestStreamElementType;

import dev.trueline.journal.ConversationId;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;

/**
 * {@code POST /api/conversations/{cid}/turns}: answers a prompt as Server-Sent Events (wire protocol v1).
 * <p>
 * Blocking on purpose, and only until the stream starts: SSE headers go out as soon as a Multi is returned, so
 * every refusal (400, 409, 413, 415, 503) must be decided first, which needs the journal.
 */
@Path("/api/conversations/{cid: [^/]*}/turns")
public class TurnResource {

    private final TurnService turns;
    private final TurnRequestReader reader;

    public TurnResource(TurnService turns, TurnRequestReader reader) {
        this.turns = turns;
        this.reader = reader;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @ResponseHeader(name = "Cache-Control", value = "no-cache")
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    public Multi<OutboundSseEvent> start(@RestPath String cid, String body, @Context Sse sse) {
        ConversationId id = ConversationId.of(cid);
        TurnRequest request = reader.read(body);
        return turns.open(id, request).await().indefinitely().events()
                .map(event -> event instanceof TurnEvent.Ping
                        // the SSE writer puts the comment right after the colon: " ping" gives ": ping"
                        ? sse.newEventBuilder().comment(" ping").build()
                        : sse.newEventBuilder().id(event.id()).name(event.name()).data(event).build());
    }
}
