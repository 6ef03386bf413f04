package dev.trueline.adapter.upstream;

/**
 * Upstream text quoted in an error message: on one line, cut after a limit and marked with {@code …}, so that a
 * page of HTML or a long stream event cannot flood a log line, the journal or the person's screen.
 */
public final class UpstreamQuote {

    /** For what an upstream said about a refused request or a broken connection. */
    public static final int DETAIL = 300;
    /** For a stream event's data. */
    public static final int EVENT = 200;

    private UpstreamQuote() {
    }

    /** {@code text} with its white space folded to single spaces, at most {@code limit} characters and a {@code …}. */
    public static String of(String text, int limit) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= limit ? flat : flat.substring(0, limit) + "…";
    }
}
