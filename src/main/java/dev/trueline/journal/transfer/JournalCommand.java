package dev.trueline.journal.transfer;

import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;

import dev.trueline.journal.redis.RedisJournal;
import io.quarkus.runtime.QuarkusApplication;

/**
 * The packaged application run as a one-shot command instead of the server (see {@code TruelineMain}):
 * {@code journal-export
 *
<dir>
 * } writes every conversation of the Redis journal to {@code dir} in the file journal's
 * layout, {@code journal-import
 *
<dir>
 * } appends a file journal directory's conversations to the Redis journal. The
 * Redis connection is the application's ({@code quarkus.redis.hosts}, {@code trueline.journal.redis.key-prefix}).
 * Exit status 0 when everything was done, 1 when a conversation was refused, 2 on bad usage or a failure.
 */
public class JournalCommand implements QuarkusApplication {

    /** The command names {@code TruelineMain} hands to this class. */
    public static final List<String> NAMES = List.of("journal-export", "journal-import");

    private final RedisJournal redis;

    @Inject
    public JournalCommand(RedisJournal redis) {
        this.redis = redis;
    }

    @Override
    public int run(String... args) {
        if (args.length != 2 || !NAMES.contains(args[0])) {
            System.err.println("usage: java -jar quarkus-run.jar journal-export|journal-import <directory>");
            return 2;
        }
        JournalTransfer transfer = new JournalTransfer(redis);
        Path dir = Path.of(args[1]);
        try {
            JournalTransfer.Report report = "journal-export".equals(args[0]) ? transfer.export(dir)
                    : transfer.importFrom(dir);
            report.lines().forEach(System.out::println);
            return report.ok() ? 0 : 1;
        } catch (Exception e) {
            System.err.println(args[0] + " failed: " + e.getMessage());
            return 2;
        }
    }
}
