package dev.trueline.turn;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/conversations/{cid}/turns}: a non-empty prompt and, optionally, a model. */
@Schema(name = "TurnRequest", description = "A prompt, and optionally the model to answer it")
public record TurnRequest(
        @Schema(required = true, minLength = 1, description = "What the person asks; not blank. The scripted "
                + "model obeys directives in it: #chunks=N #delay-ms=N #pause-ms=N #fail-after=N") String prompt,
        @Schema(description = "The model to use; the adapter's default when absent") String model) {
}
