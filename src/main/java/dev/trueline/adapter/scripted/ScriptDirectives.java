package dev.trueline.adapter.scripted;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.trueline.adapter.AdapterConfig;

/**
 * Directives a prompt may carry to make the scripted model behave like a real one misbehaving, for demos and
 * tests of the packaged app: {@code #chunks=N}, {@code #delay-ms=N}, {@code #pause-ms=N} (silence before the first
 * chunk, like a model thinking) and {@code #fail-after=N} (fail with {@code upstream_failed} after N chunks). They
 * are obeyed only within the caps of {@code trueline.adapter.scripted.*}: a prompt must not hold a turn slot for as
 * long as it likes.
 */
record ScriptDirectives(int chunks, Duration delay, Duration pause, int failAfter) {

    private static final Pattern DIRECTIVE = Pattern.compile("#(chunks|delay-ms|pause-ms|fail-after)=(\\d{1,9})");
    /** A directive with the white space before it: what the echo of a prompt leaves out. */
    private static final Pattern DIRECTIVE_TEXT = Pattern.compile("\\s*" + DIRECTIVE.pattern());

    /** What {@code prompt} asks for within the caps of {@code config}; the configured answer if it asks nothing. */
    static ScriptDirectives parse(String prompt, AdapterConfig.Scripted config) {
        int chunks = config.chunks();
        Duration delay = config.delay();
        Duration pause = Duration.ZERO;
        int failAfter = -1;
        if (!config.directives()) {
            return new ScriptDirectives(chunks, delay, pause, failAfter);
        }
        Matcher m = DIRECTIVE.matcher(prompt);
        while (m.find()) {
            long n = Long.parseLong(m.group(2));
            switch (m.group(1)) {
                case "chunks" -> chunks = (int) Math.max(1, Math.min(n, config.maxChunks()));
                case "delay-ms" -> delay = shorter(Duration.ofMillis(n), config.maxDelay());
                case "pause-ms" -> pause = shorter(Duration.ofMillis(n), config.maxPause());
                default -> failAfter = (int) Math.min(n, config.maxChunks());
            }
        }
        return new ScriptDirectives(chunks, delay, pause, failAfter);
    }

    /** The prompt without anything shaped like a directive, obeyed or not: what the scripted model echoes. */
    static String withoutDirectives(String prompt) {
        return DIRECTIVE_TEXT.matcher(prompt).replaceAll("").strip();
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
