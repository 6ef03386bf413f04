package dev.trueline.turn;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.trueline.TruelineApi;
import dev.trueline.journal.ConversationId;
import dev.trueline.security.CurrentPrincipal;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/conversations/{cid}/turns}: answers a prompt as Server-Sent Events;
 * {@code GET .../turns/{turn}/events}: follows a turn (resumes it after a client's {@code Last-Event-ID});
 * {@code POST .../turns/{turn}/stop}: stops it at what the client rendered.
 * <p>
 * The two streams are blocking on purpose, and only until the stream starts: SSE headers go out as soon as a
 * {@link TurnStream} is returned ({@link TurnStreamWriter} writes it), so every refusal (400, 404, 409, 413, 415, 503)
 * and the 204 must be decided first, which needs the journal.
 */
@Path("/api/conversations/{cid: [^/]*}/turns")
@Tag(name = "Turns")
public class TurnResource {

    /** The stream as OpenAPI shows it: SSE framing is not expressible as a schema, so it is said in words. */
    static final String EVENTS = "Server-Sent Events. Each event has `id: <turn>:<seq>` (`<turn>:end` for the "
            + "terminal event), `event: <type>` and a JSON `data` whose `type` repeats the event name: first `turn` "
            + "(conversation, turn, adapter, model; only when the stream starts at the beginning), then `chunk` events "
            + "(turn, seq, text; each journaled before it is sent), then exactly one of `end` (chunks, finish, usage), "
            + "`error` (code, message) or `interrupted` (reason, chunks). The first event carries `retry:`. A client "
            + "that loses the stream resumes it with GET .../turns/{turn}/events and its Last-Event-ID.";

    private final TurnService turns;
    private final TurnRequestReader reader;
    private final TurnStreams streams;
    private final CurrentPrincipal caller;

    public TurnResource(TurnService turns, TurnRequestReader reader, TurnStreams streams, CurrentPrincipal caller) {
        this.turns = turns;
        this.reader = reader;
        this.streams = streams;
        this.caller = caller;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Answer a prompt as a stream of Server-Sent Events", description = "Starts the next turn of "
            + "the conversation (creating it if new) and streams the answer. The answer goes on when this stream "
            + "breaks (trueline.turn.on-disconnect); every refusal is decided before the stream starts and is a "
            + "problem+json status.")
    @APIResponse(responseCode = "200", description = EVENTS, content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(oneOf = {
            TurnEvent.Started.class, TurnEvent.Chunk.class, TurnEvent.End.class,
            TurnEvent.Error.class, TurnEvent.Interrupted.class })))
    @APIResponse(responseCode = "400", ref = TruelineApi.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = TruelineApi.CONFLICT)
    @APIResponse(responseCode = "413", ref = TruelineApi.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = TruelineApi.UNSUPPORTED_MEDIA_TYPE)
    @APIResponse(responseCode = "429", ref = TruelineApi.TOO_MANY_REQUESTS)
    @APIResponse(responseCode = "503", ref = TruelineApi.UNAVAILABLE)
    public TurnStream start(@RestPath String cid,
            // read as a String so that TurnRequestReader can refuse bad bodies precisely; declared for OpenAPI here
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TurnRequest.class))) String body) {
        ConversationId id = ConversationId.of(cid);
        TurnRequest request = reader.read(body);
        int turn = turns.open(id, request, caller.name()).await().indefinitely();
        return streams.of(turns.followStarted(id, turn));
    }

    @GET
    @Blocking
    @Path("{turn: [0-9]+}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Follow a turn, or resume it after a dropped connection", description = "Streams turn "
            + "`{turn}` after the event the client names with Last-Event-ID (`<turn>:<seq>`; a browser's EventSource "
            + "sends it by itself when it reconnects) or `?after=<seq>`; with neither, from its `turn` event. A running "
            + "turn is followed live after what the journal holds, with no gap and no repeat; a finished one is "
            + "replayed as its transcript keeps it, then the stream ends. A turn whose server died ends with "
            + "`interrupted`/`server_stopped`.")
    @APIResponse(responseCode = "200", description = EVENTS, content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(oneOf = {
            TurnEvent.Started.class, TurnEvent.Chunk.class, TurnEvent.End.class,
            TurnEvent.Error.class, TurnEvent.Interrupted.class })))
    @APIResponse(responseCode = "204", description = "Last-Event-ID names the turn's terminal event (`<turn>:end`): "
            + "the client has the whole turn, and an EventSource stops reconnecting.")
    @APIResponse(responseCode = "400", ref = TruelineApi.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = TruelineApi.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = TruelineApi.UNAVAILABLE)
    public TurnStream events(@RestPath String cid, @RestPath int turn,
            @RestHeader("Last-Event-ID") String lastEventId, @RestQuery Integer after) {
        ConversationId id = ConversationId.of(cid);
        LastEventId from = LastEventId.resumeFrom(lastEventId, after, turn);
        Multi<TurnEvent> events = turns.follow(id, turn, from, caller.name()).await().indefinitely();
        if (from.end()) {
            throw new NoContentException(); // the client has it all: 204 tells an EventSource to stop
        }
        return streams.of(events);
    }

    @POST
    @Path("{turn: [0-9]+}/stop")
    @Operation(summary = "Stop a running turn at what the client rendered", description = "The person clicked Stop. "
            + "Send the id of the last event the page rendered as Last-Event-ID (`<turn>:<seq>`; none when nothing "
            + "was rendered). The model is cancelled, the journal records the turn `aborted` with reason `user_stop` "
            + "and exactly that many delivered chunks (never more than were journaled), and every stream following "
            + "the turn ends with an `interrupted` event.")
    @APIResponse(responseCode = "204", description = "Stopped: the `aborted` record is journaled.")
    @APIResponse(responseCode = "202", description = "Stop decided, not yet journaled within trueline.turn.stop-wait "
            + "(10 s; a slow journal); the turn ends with it.")
    @APIResponse(responseCode = "400", ref = TruelineApi.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = TruelineApi.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = TruelineApi.CONFLICT)
    public Uni<RestResponse<Void>> stop(@RestPath String cid, @RestPath int turn,
            @RestHeader("Last-Event-ID") String lastEventId) {
        ConversationId id = ConversationId.of(cid);
        int seen = LastEventId.of(lastEventId, turn).seen();
        return turns.stop(id, turn, seen, caller.name()).map(journaled -> journaled ? RestResponse.noContent()
                : RestResponse.accepted());
    }
}
