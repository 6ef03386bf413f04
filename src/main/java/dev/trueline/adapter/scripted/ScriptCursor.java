package dev.trueline.adapter.scripted;

import java.util.List;
import java.util.function.Consumer;

import dev.trueline.adapter.AdapterEvent;
import dev.trueline.adapter.AdapterException;

/**
 * Walks one scripted answer a step at a time, whatever paces it (a timer, or the subscriber's demand): each step
 * emits the next chunk, or the finish and completes, or fails where {@code #fail-after} asks. Not thread-safe: one
 * answer's steps never overlap.
 */
final class ScriptCursor {

    private final List<String> pieces;
    private final int failAfter;
    private final Runnable onChunk;
    private int next;

    ScriptCursor(List<String> pieces, int failAfter, Runnable onChunk) {
        this.pieces = pieces;
        this.failAfter = failAfter;
        this.onChunk = onChunk;
    }

    /** Takes the next step; after the one that completes or fails, none may follow. */
    void step(Consumer<AdapterEvent> emit, Consumer<Throwable> fail, Runnable complete) {
        int i = next++;
        if (i == failAfter) {
            fail.accept(new AdapterException(AdapterException.UPSTREAM_FAILED,
                    "the scripted model failed after " + i + " chunks, as the prompt asked (#fail-after)"));
        } else if (i < pieces.size()) {
            onChunk.run();
            emit.accept(new AdapterEvent.Text(pieces.get(i)));
        } else {
            emit.accept(new AdapterEvent.Finish("stop", null));
            complete.run();
        }
    }
}
