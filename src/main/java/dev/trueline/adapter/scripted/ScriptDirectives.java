package dev.trueline.adapter.scripted;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Directives a prompt may carry to make the scripted model behave like a real one misbehaving, for demos and
 * tests of the packaged app: {@code #chunks=N}, {@code #delay-ms=N}, {@code #pause-ms=N} (silence before the first
 * chunk, like a model thinking) and {@code #fail-after=N} (fail with {@code upstream_failed} after N chunks).
 */
record ScriptDirectives(int chunks, Duration delay, Duration pause, int failAfter) {

    private static final Pattern DIRECTIVE = Pattern.compile("#(chunks|delay-ms|pause-ms|fail-after)=(\\d{1,9})");
    static final int MAX_CHUNKS = 100_000;
    static final long MAX_MILLIS = 600_000;

    static ScriptDirectives parse(String prompt, int defaultChunks, Duration defaultDelay) {
        int chunks = defaultChunks;
        Duration delay = defaultDelay;
        Duration pause = Duration.ZERO;
        int failAfter = -1;
        Matcher m = DIRECTIVE.matcher(prompt);
        while (m.find()) {
            long n = Long.parseLong(m.group(2));
            switch (m.group(1)) {
                case "chunks" -> chunks = (int) Math.max(1, Math.min(n, MAX_CHUNKS));
                case "delay-ms" -> delay = Duration.ofMillis(Math.min(n, MAX_MILLIS));
                case "pause-ms" -> pause = Duration.ofMillis(Math.min(n, MAX_MILLIS));
                default -> failAfter = (int) Math.min(n, MAX_CHUNKS);
            }
        }
        return new ScriptDirectives(chunks, delay, pause, failAfter);
    }
}
