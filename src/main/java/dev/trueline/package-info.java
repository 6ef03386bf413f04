/**
 * Trueline: streams a chat model's answer over SSE and journals exactly what the person saw.
 * <p>
 * The OpenAPI document's frame ({@code /q/openapi}) is declared here because SmallRye OpenAPI reads
 * {@code @OpenAPIDefinition} only from a package or a JAX-RS {@code Application}: title, tags, and the problem+json
 * responses that the resources name by reference ({@code @APIResponse(ref = TruelineApi.NOT_FOUND)}), so each
 * refusal is described once.
 */
@OpenAPIDefinition(info = @Info(title = "Trueline API", version = "1", description = "Streams a chat model's answer over Server-Sent Events and journals exactly what the "
        + "person saw. Errors before a stream starts are RFC 9457 application/problem+json bodies "
        + "with a stable `code`; a turn's stream always ends with one terminal event (`end`, `error` or `interrupted`)."), tags = {
                @Tag(name = "Turns", description = "Asking the model: one prompt, one streamed answer"),
                @Tag(name = "Conversations", description = "Reading conversations back, healed from the journal")
        }, components = @Components(responses = {
                @APIResponse(name = TruelineApi.BAD_REQUEST, responseCode = "400", description = "Bad request: malformed JSON, invalid prompt or model "
                        + "(code malformed_json, invalid_prompt, invalid_model), a conversation id that "
                        + "does not match [A-Za-z0-9_-]{1,64} (code invalid_conversation_id), a ';' path parameter "
                        + "(invalid_path), a URI that is not valid RFC 3986 (bad_request), a Last-Event-ID that is not "
                        + "<turn>:<seq> or <turn>:end of this turn (bad_last_event_id), a negative ?after (bad_after)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = TruelineApi.NOT_FOUND, responseCode = "404", description = "No such conversation (code conversation_not_found), or no such turn in it (code "
                        + "turn_not_found); a conversation of somebody else answers exactly the same", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = TruelineApi.CONFLICT, responseCode = "409", description = "A turn is already running in the conversation (code turn_running), the "
                        + "conversation is being deleted (conversation_busy), or the turn to stop is over (turn_not_running)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = TruelineApi.TOO_LARGE, responseCode = "413", description = "Prompt longer than trueline.turn.max-prompt-chars (code prompt_too_long) or "
                        + "body over quarkus.http.limits.max-body-size (code payload_too_large)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = TruelineApi.UNSUPPORTED_MEDIA_TYPE, responseCode = "415", description = "The body is not application/json (code unsupported_media_type)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = TruelineApi.TOO_MANY_REQUESTS, responseCode = "429", description = "Nothing was written; retry after the Retry-After header: the caller "
                        + "has trueline.limits.turns-per-user turns running (code too_many_running_turns) or started "
                        + "trueline.limits.turns-per-minute within a minute (turn_rate_exceeded); token and jwt modes only", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                @APIResponse(name = TruelineApi.UNAVAILABLE, responseCode = "503", description = "Nothing was written; retry after the Retry-After header: the journal "
                        + "cannot be written or read (code journal_unavailable), this instance runs "
                        + "trueline.turn.max-concurrent turns (too_many_turns), or it is shutting down (shutting_down)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
        }))
package dev.trueline;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.trueline.problem.Problem;
