package dev.trueline.conversation;

import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import dev.trueline.TruelineApi;
import dev.trueline.journal.ConversationId;
import dev.trueline.security.CurrentPrincipal;
import io.smallrye.mutiny.Uni;

/** Reading conversations back: the list, healed transcripts, raw journals, deletion. */
@Path("/api/conversations")
@Tag(name = "Conversations")
public class ConversationResource {

    /** The media type of the raw journal: one JSON object per line. */
    public static final String JSONL = "application/jsonl";

    private final ConversationService conversations;
    private final CurrentPrincipal caller;

    public ConversationResource(ConversationService conversations, CurrentPrincipal caller) {
        this.conversations = conversations;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List conversations, most recently updated first")
    @APIResponse(responseCode = "200", description = "Every conversation of the caller")
    public Uni<List<ConversationSummary>> list() {
        return conversations.list(caller.name());
    }

    @GET
    @Path("/{cid}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A conversation as the person saw it, healed from its journal", description = "Messages alternate user/assistant. An interrupted answer shows exactly its delivered "
            + "prefix; `repairs` lists what the reader skipped or cut.")
    @APIResponse(responseCode = "200", description = "The healed transcript")
    @APIResponse(responseCode = "400", ref = TruelineApi.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = TruelineApi.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = TruelineApi.UNAVAILABLE)
    public Uni<Transcript> transcript(@RestPath String cid) {
        return conversations.get(ConversationId.of(cid), caller.name());
    }

    @GET
    @Path("/{cid}/journal")
    @Produces(JSONL)
    @Operation(summary = "The raw journal of a conversation, one JSON record per line")
    @APIResponse(responseCode = "200", description = "The journal file as written (format version 1)", content = @Content(mediaType = JSONL, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = TruelineApi.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = TruelineApi.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = TruelineApi.UNAVAILABLE)
    public Uni<byte[]> journal(@RestPath String cid) {
        return conversations.raw(ConversationId.of(cid), caller.name());
    }

    @DELETE
    @Path("/{cid}")
    @Operation(summary = "Delete a conversation and its journal")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", ref = TruelineApi.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = TruelineApi.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = TruelineApi.CONFLICT)
    @APIResponse(responseCode = "503", ref = TruelineApi.UNAVAILABLE)
    public Uni<Void> delete(@RestPath String cid) {
        return conversations.delete(ConversationId.of(cid), caller.name());
    }
}
