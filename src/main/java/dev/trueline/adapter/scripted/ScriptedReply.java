package dev.trueline.adapter.scripted;

import java.util.ArrayList;
import java.util.List;

/**
 * The scripted model's answer to a prompt: deterministic, made from the prompt (its directives left out, see
 * {@link ScriptDirectives}), split into a fixed number of chunks of nearly equal length (never splitting a
 * character).
 */
public final class ScriptedReply {

    /** Characters per chunk when none are configured ({@code trueline.adapter.scripted.chunk-chars}). */
    public static final int DEFAULT_CHUNK_CHARS = 6;

    private static final String[] SENTENCES = {
            "Every word you see here was written to the journal before it reached your screen.",
            "If you stop me or lose the connection, a reload shows exactly what you saw.",
            "Nothing is invented after the fact, and nothing you saw is lost.",
            "This answer comes from the embedded scripted model, so it needs no network.",
            "Streams arrive chunk by chunk, the way a real model types.",
    };

    private ScriptedReply() {
    }

    /** The whole answer text for a prompt, sized for {@code chunks} chunks of the default size. */
    public static String text(String prompt, int chunks) {
        return text(prompt, chunks, DEFAULT_CHUNK_CHARS);
    }

    /**
     * The whole answer text for a prompt, sized for {@code chunks} chunks of about {@code chunkChars} characters:
     * at least {@code chunks * chunkChars} characters, ending at the end of a sentence. The echo of the prompt
     * leaves its directives out.
     */
    public static String text(String prompt, int chunks, int chunkChars) {
        StringBuilder reply = new StringBuilder("You said: \"").append(ScriptDirectives.withoutDirectives(prompt))
                .append("\". ");
        long target = (long) chunks * Math.max(1, chunkChars);
        // the sentences are ASCII: one char is one code point, so the count grows without rescanning the text
        int length = reply.codePointCount(0, reply.length());
        for (int i = 0; length < target; i++) {
            String sentence = SENTENCES[i % SENTENCES.length];
            reply.append(sentence).append(' ');
            length += sentence.length() + 1;
        }
        return reply.toString().stripTrailing();
    }

    /** The answer split into exactly {@code chunks} non-empty pieces (fewer if the text is shorter). */
    public static List<String> chunks(String prompt, int chunks) {
        return chunks(prompt, chunks, DEFAULT_CHUNK_CHARS);
    }

    /** The answer for chunks of about {@code chunkChars} characters, split into exactly {@code chunks} pieces. */
    public static List<String> chunks(String prompt, int chunks, int chunkChars) {
        String text = text(prompt, chunks, chunkChars);
        int[] codePoints = text.codePoints().toArray();
        int n = Math.min(chunks, codePoints.length);
        List<String> pieces = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int from = (int) ((long) codePoints.length * i / n);
            int to = (int) ((long) codePoints.length * (i + 1) / n);
            pieces.add(new String(codePoints, from, to - from));
        }
        return pieces;
    }
}
