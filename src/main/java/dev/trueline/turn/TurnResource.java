package dev.trueline.turn;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

import dev.trueline.TruelineApi;
import dev.trueline.journal.ConversationId;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/conversations/{cid}/turns}: answers a prompt as Server-Sent Events (wire protocol v1);
 * {@code POST /api/conversations/{cid}/turns/{turn}/stop}: stops it at what the client rendered.
 * <p>
 * Blocking on purpose, and only until the stream starts: SSE headers go out as soon as a Multi is returned, so
 * every refusal (400, 409, 413, 415, 503) must be decided first, which needs the journal.
 */
@Path("/api/conversations/{cid: [^/]*}/turns")
@Tag(name = "Turns")
public class TurnResource {

    /** The stream as OpenAPI shows it: SSE framing is not expressible as a schema, so it is said in words. */
    static final String EVENTS = "Server-Sent Events, wire protocol v1. Each event has `id: <turn>:<seq>`, "
            + "`event: <type>` and a JSON `data` whose `type` repeats the event name: first `turn` (conversation, "
            + "turn, adapter, model), then `chunk` events (turn, seq, text; each journaled before it is sent), then "
            + "exactly one of `end` (chunks, finish, usage) or `error` (code, message: the turn failed after the "
            + "stream started). A client that stops a turn names the last chunk it rendered with Last-Event-ID on "
            + "the stop endpoint; a stream is not resumed after a disconnect.";

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
    @Operation(summary = "Answer a prompt as a stream of Server-Sent Events", description = "Starts the next turn of the conversation (creating it if new) and streams the answer. "
            + "Every refusal is decided before the stream starts and is a problem+json status.")
    @APIResponse(responseCode = "200", description = EVENTS, content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(oneOf = {
            TurnEvent.Started.class,
            TurnEvent.Chunk.class, TurnEvent.End.class, TurnEvent.Error.class })))
    @APIResponse(responseCode = "400", ref = TruelineApi.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = TruelineApi.CONFLICT)
    @APIResponse(responseCode = "413", ref = TruelineApi.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = TruelineApi.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "503", ref = TruelineApi.UNAVAILABLE)
    public Multi<OutboundSseEvent> start(@RestPath String cid,
            // read as a String so that TurnRequestReader can refuse bad bodies precisely; declared for OpenAPI here
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TurnRequest.class))) String body,
            @Context Sse sse) {
        ConversationId id = ConversationId.of(cid);
        TurnRequest request = reader.read(body);
        return turns.open(id, request).await().indefinitely().events()
                .map(event -> event instanceof TurnEvent.Ping
                        // the SSE writer puts the comment right after the colon: " ping" gives ": ping"
                        ? sse.newEventBuilder().comment(" ping").build()
                        : sse.newEventBuilder().id(event.id()).name(event.name()).data(event).build());
    }

    @POST
    @Path("{turn: [0-9]+}/stop")
    @Operation(summary = "Stop a running turn at what the client rendered", description = "The person clicked Stop. Send the id of the last event the page rendered as "
            + "Last-Event-ID (`<turn>:<seq>`; none when nothing was rendered). The model is cancelled, the "
            + "journal records the turn `aborted` with reason `user_stop` and exactly that many delivered "
            + "chunks (never more than were sent), and the turn's stream then ends without an `end` event.")
    @APIResponse(responseCode = "204", description = "Stopped: the `aborted` record is journaled.")
    @APIResponse(responseCode = "202", description = "Stop requested, not yet journaled after 10 s: the turn's "
            + "stream is waiting on its client and journals the stop at its next event.")
    @APIResponse(responseCode = "400", ref = TruelineApi.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = TruelineApi.CONFLICT)
    public Uni<RestResponse<Void>> stop(@RestPath String cid, @RestPath int turn,
            @RestHeader("Last-Event-ID") String lastEventId) {
        ConversationId id = ConversationId.of(cid);
        int seen = LastEventId.seenOf(lastEventId, turn);
        return turns.stop(id, turn, seen).map(journaled -> journaled ? RestResponse.noContent()
                : RestResponse.accepted());
    }
}
