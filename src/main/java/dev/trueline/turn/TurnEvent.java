package dev.trueline.turn;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The events of wire protocol v1, one per SSE event. {@link #name()} is the SSE event name and is repeated in the
 * JSON as {@code type}; {@link #id()} is {@code <turn>:<seq>} so that {@code Last-Event-ID} names the exact chunk.
 */
@JsonPropertyOrder({ "type" })
public sealed interface TurnEvent {

    @JsonProperty("type")
    String name();

    int turn();

    /** The SSE id: {@code <turn>:<seq>}. */
    String id();

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
    @Schema(name = "EndEvent", description = "event: end — the model finished; the stream's last event")
    record End(int turn, int chunks, String finish, Usage usage) implements TurnEvent {
        public String name() {
            return "end";
        }

        public String id() {
            return turn + ":" + chunks;
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

    /** The stream's last event when a turn fails after the headers went out: never a bare reset. */
    @RegisterForReflection // serialized by Jackson
    @Schema(name = "ErrorEvent", description = "event: error — the turn failed after the stream started; the stream's last event")
    record Error(int turn, @JsonIgnore int lastSeq, String code, String message)
            implements
                TurnEvent {
        public String name() {
            return "error";
        }

        public String id() {
            return turn + ":" + lastSeq;
        }
    }
}
