package dev.trueline.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;

/** Forces a journal file's written bytes to the device. A seam so tests can count and hold fsyncs. */
@FunctionalInterface
interface Fsync {

    /** The real thing: data only, as file size changes of an append-only file are forced with it on Linux. */
    Fsync FORCE = channel -> channel.force(false);

    void force(FileChannel channel) throws IOException;
}
