package dev.trueline.journal.file;

import java.io.IOException;
import java.nio.channels.FileChannel;

import dev.trueline.journal.JournalMetrics;

/**
 * Forces a journal file's written bytes to the device. A CDI bean ({@link FsyncProducer}) so that tests can count,
 * hold and fail fsyncs of the real journal with an alternative.
 */
@FunctionalInterface
public interface Fsync {

    /** The real thing: data only, as file size changes of an append-only file are forced with it on Linux. */
    Fsync FORCE = channel -> channel.force(false);

    void force(FileChannel channel) throws IOException;

    /** This fsync, its duration recorded in {@code metrics} whether it succeeds or fails. */
    default Fsync timedIn(JournalMetrics metrics) {
        return channel -> {
            long start = System.nanoTime();
            try {
                force(channel);
            } finally {
                metrics.fsynced(System.nanoTime() - start);
            }
        };
    }
}
