package dev.trueline.turn;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The events of the wire protocol, one per SSE event. {@link #name()} is the SSE event name and is repeated in the
 * JSON as {@code type}; {@link #id()} is {@code <turn>:<seq>} so that {@code Last-Event-ID} names the exact chunk
 * (the {@code turn} event is {@code <turn>:0}), and {@code <turn>:end} for the turn's one terminal event
 * ({@code end}, {@code error} or {@code interrupted}), so that a client reconnecting after it gets 204 and stops.
 */
@JsonPropertyOrder({ "type" })
public sealed interface TurnEvent {

    @JsonProperty("type")
    String name();

    int turn();

    /** The SSE id: {@code <turn>:<seq>}, or {@code <turn>:end} for a terminal event. */
    String id();

    /** The id suffix of a turn's terminal event. */
    String END = "end";

    /** The last event of a turn's stream: its end as the journal recorded it. */
    sealed interface Terminal extends TurnEvent permits End, Error, Interrupted {
        @Override
        default String id() {
            return turn() + ":" + END;
        }
    }

    @RegisterForReflection // serialized by Jackson
    @Schema(name = "TurnStartedEvent", description = "event: turn — the first event of every stream")
    record Started(String conversation, int turn, String adapter, String model) implements TurnEvent {
        public String name() {
            return "turn";
        }

        public String id() {
            return turn + ":0";
        }
    }

    @RegisterForReflection // serialized by Jackson
    @Schema(name = "ChunkEvent", description = "event: chunk — a piece of the answer, journaled before it was sent (I1)")
    record Chunk(int turn, int seq, String text) implements TurnEvent {
        public String name() {
            return "chunk";
        }

        public String id() {
            return turn + ":" + seq;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection // serialized by Jackson
    @Schema(name = "EndEvent", description = "event: end — the model finished; the stream's last event, id <turn>:end")
    record End(int turn, int chunks, String finish, Usage usage) implements Terminal {
        public String name() {
            return "end";
        }
    }

    @RegisterForReflection // serialized by Jackson
    @Schema(name = "TokenUsage", description = "Tokens the upstream billed, when it reported them")
    record Usage(long input, long output) {
    }

    /**
     * A heartbeat while the turn is silent: sent as the SSE comment {@code : ping}, not as an event, so clients
     * ignore it; it keeps proxies from closing the connection and reveals a vanished client.
     */
    @RegisterForReflection // never written by Jackson (it is a comment), registered as every event type is
    record Ping(int turn) implements TurnEvent {
        public String name() {
            return "ping";
        }

        public String id() {
            return null;
        }
    }

    /**
     * The stream's last event when the turn failed, or the server shut down during it ({@code shutting_down}):
     * never a bare reset. The answer is the chunks sent before it.
     */
    @RegisterForReflection // serialized by Jackson
    @Schema(name = "ErrorEvent", description = "event: error — the turn failed (or the server shut down during it); "
            + "the stream's last event, id <turn>:end")
    record Error(int turn, String code, String message) implements Terminal {
        public String name() {
            return "error";
        }
    }

    /**
     * The stream's last event when the turn stopped before the model finished: {@code user_stop},
     * {@code client_disconnect} (every follower was gone for the grace period) or {@code server_stopped} (the
     * process running it died). {@code chunks} is how much of the answer stays, as the transcript shows it: a client
     * that rendered more (it followed live while another tab pressed Stop) drops the rest.
     */
    @RegisterForReflection // serialized by Jackson
    @Schema(name = "InterruptedEvent", description = "event: interrupted — the turn stopped before the model finished "
            + "(reason user_stop, client_disconnect or server_stopped); the answer is its first `chunks` chunks; "
            + "the stream's last event, id <turn>:end")
    record Interrupted(int turn, String reason, int chunks) implements Terminal {
        public String name() {
            return "interrupted";
        }
    }
}
