package dev.trueline.testing;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.arc.Arc;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The Redis journal of the application under test ({@code trueline.journal.backend=redis}), read straight from its
 * redis-server with plain commands ({@code XRANGE}, {@code EXISTS}), past the application's journal code, the way
 * {@link JournalFiles} reads the file journal from disk. It knows the key layout docs/redis.md documents:
 * {@code <prefix>:{<cid>}:log} (one entry per record line, field {@code r}), {@code :state}, and the index
 * {@code <prefix>:conversations}. It sends its commands on the application's default Redis client, the one Quarkus
 * configured from {@code quarkus.redis.hosts}.
 */
final class JournalStreams {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private JournalStreams() {
    }

    /** Whether the application journals to Redis, so {@link JournalFiles} reads here instead of the disk. */
    static boolean inUse() {
        return "redis".equalsIgnoreCase(ConfigProvider.getConfig().getOptionalValue("trueline.journal.backend",
                String.class).orElse("file"));
    }

    /** The stream's entries, each the record line it holds followed by {@code \n}: the file format, byte for byte. */
    static byte[] bytes(String cid) {
        Response entries = send(Request.cmd(Command.XRANGE).arg(log(cid)).arg("-").arg("+"));
        if (entries.size() == 0) {
            throw new AssertionError("cannot read journal of " + cid + ": no stream " + log(cid));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Response entry : entries) {
            Response fields = entry.get(1); // [id, [field, value]]
            if (fields.size() != 2 || !"r".equals(fields.get(0).toString())) {
                throw new AssertionError("entry " + entry.get(0) + " of " + log(cid) + " is not one field r: " + fields);
            }
            out.writeBytes(fields.get(1).toBytes());
            out.write('\n');
        }
        return out.toByteArray();
    }

    /**
     * True once a line of the conversation's stream matches {@code line}. The client and key are found now, on the
     * caller's thread; each call never blocks (it may run on an event loop: a fake upstream waiting for Trueline to
     * journal): it answers what the last read found and starts the next read when none is under way.
     */
    static BooleanSupplier anyLine(String cid, Predicate<String> line) {
        Redis redis = client();
        String log = log(cid);
        AtomicBoolean found = new AtomicBoolean();
        AtomicBoolean reading = new AtomicBoolean();
        return () -> {
            if (!found.get() && reading.compareAndSet(false, true)) {
                redis.send(Request.cmd(Command.XRANGE).arg(log).arg("-").arg("+")).subscribe().with(entries -> {
                    for (Response entry : entries) {
                        if (line.test(entry.get(1).get(1).toString())) {
                            found.set(true);
                        }
                    }
                    reading.set(false);
                }, failure -> reading.set(false));
            }
            return found.get();
        };
    }

    /** The conversations in the index, the way the application lists them. */
    static List<String> conversations() {
        List<String> ids = new ArrayList<>();
        for (Response member : send(Request.cmd(Command.ZRANGE).arg(prefix() + ":conversations").arg(0).arg(-1))) {
            ids.add(member.toString());
        }
        return ids;
    }

    /**
     * Writes a conversation's journal straight into Redis, as {@code journal-import} lays one out (one entry per line,
     * the state hash's count, the index), for a test that needs a journal the application did not write.
     */
    static void plant(String cid, List<String> lines) {
        for (int n = 1; n <= lines.size(); n++) {
            send(Request.cmd(Command.XADD).arg(log(cid)).arg("0-" + n).arg("r").arg(lines.get(n - 1)));
        }
        send(Request.cmd(Command.HSET).arg(prefix() + ":{" + cid + "}:state").arg("n").arg(lines.size()));
        send(Request.cmd(Command.ZADD).arg(prefix() + ":conversations").arg(System.currentTimeMillis()).arg(cid));
    }

    /** Whether the conversation's stream exists: it has a record. */
    static boolean hasStream(String cid) {
        return send(Request.cmd(Command.EXISTS).arg(log(cid))).toInteger() > 0;
    }

    /** Whether anything of the conversation is in Redis: its stream, its state hash, or its entry in the index. */
    static boolean exists(String cid) {
        String base = prefix() + ":{" + cid + "}:";
        boolean keys = send(Request.cmd(Command.EXISTS).arg(base + "log").arg(base + "state")).toInteger() > 0;
        return keys || send(Request.cmd(Command.ZSCORE).arg(prefix() + ":conversations").arg(cid)) != null;
    }

    /**
     * Puts a plain string where the conversation's stream should be, so that reads of it fail for real (Redis answers
     * {@code WRONGTYPE}); {@link #restore} removes it.
     *
     * @return the key, which a problem shown to a client must not name
     */
    static String breakReads(String cid) {
        send(Request.cmd(Command.SET).arg(log(cid)).arg("not a stream"));
        return log(cid);
    }

    static void restore(String cid) {
        send(Request.cmd(Command.DEL).arg(log(cid)));
    }

    private static String log(String cid) {
        return prefix() + ":{" + cid + "}:log";
    }

    private static String prefix() {
        return ConfigProvider.getConfig().getOptionalValue("trueline.journal.redis.key-prefix", String.class)
                .orElse("trueline");
    }

    private static Response send(Request request) {
        return client().send(request).await().atMost(WAIT);
    }

    private static Redis client() {
        return Arc.container().instance(Redis.class).get();
    }
}
