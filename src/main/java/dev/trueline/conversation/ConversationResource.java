package dev.trueline.conversation;

import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;

import dev.trueline.journal.ConversationId;
import io.smallrye.mutiny.Uni;

/** Reading conversations back: the list, healed transcripts, raw journals, deletion. */
@Path("/api/conversations")
public class ConversationResource {

    /** The media type of the raw journal: one JSON object per line. */
    public static final String JSONL = "application/jsonl";

    private final ConversationService conversations;

    public ConversationResource(ConversationService conversations) {
        this.conversations = conversations;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<List<ConversationSummary>> list() {
        return conversations.list();
    }

    @GET
    @Path("/{cid}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Transcript> transcript(@RestPath String cid) {
        return conversations.get(ConversationId.of(cid));
    }

    @GET
    @Path("/{cid}/journal")
    @Produces(JSONL)
    public Uni<byte[]> journal(@RestPath String cid) {
        return conversations.raw(ConversationId.of(cid));
    }

    @DELETE
    @Path("/{cid}")
    public Uni<Void> delete(@RestPath String cid) {
        return conversations.delete(ConversationId.of(cid));
    }
}
