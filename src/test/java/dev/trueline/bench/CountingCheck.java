package dev.trueline.bench;

/**
 * What every {@link StreamCheck} counts the same way: chunks and their characters, the last seq, whether the stream
 * ended, and the first fault found; a protocol's check says only how its events are read.
 */
abstract class CountingCheck implements StreamCheck {

    protected final int expectedChunks;
    protected int seq;
    protected int chunks;
    protected long textChars;
    protected boolean ended;
    private String problem;

    /**
     * @param expectedChunks chunks a complete answer has, or 0 when not known
     * @param seq the seq before the first chunk this stream should carry
     */
    CountingCheck(int expectedChunks, int seq) {
        this.expectedChunks = expectedChunks;
        this.seq = seq;
    }

    /** Counts chunk {@code next} with its {@code text}. */
    protected void counted(int next, String text) {
        seq = next;
        chunks++;
        textChars += text.length();
    }

    /** Notes {@code what} went wrong, unless something did before. */
    protected void fault(String what) {
        if (problem == null) {
            problem = what;
        }
    }

    @Override
    public boolean complete() {
        return ended && problem == null;
    }

    @Override
    public String problem() {
        return problem;
    }

    @Override
    public int chunks() {
        return chunks;
    }

    @Override
    public long textChars() {
        return textChars;
    }

    @Override
    public int lastSeq() {
        return seq;
    }
}
