package dev.trueline.journal.redis;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import dev.trueline.journal.JournalUnavailableException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Runs the append script so that its Uni completes only once {@code trueline.journal.redis.wait-replicas} replicas
 * confirmed they received what it wrote ({@code WAIT}), so that a chunk is sent only then (I1 with replicas).
 * <p>
 * {@code WAIT} waits for the replication offset of the last write <em>of the connection it is sent on</em>. A pooled
 * client sends each command on whichever connection is free, so a {@code WAIT} sent through the pool could land on a
 * connection that never wrote (it answers at once, confirming nothing) or one whose last write was someone else's.
 * The script and its {@code WAIT} therefore go on one connection taken from the writers' pool for the two of them
 * ({@link RedisCalls#onOneConnection}); a batch would put them on one connection too, but a script the server does
 * not know yet ({@code NOSCRIPT}) fails the whole batch. The connection is out of the pool while {@code WAIT} blocks
 * it, at most {@code wait-timeout}. Replication is one stream per primary, so confirming this record's offset
 * confirms every record written before it too, on any connection.
 * <p>
 * Confirmed, the record's entry number is written to the state hash's {@code acked} field ({@code ack.lua}, never
 * backwards), the position followers of this setting read up to ({@link RedisTurnFollow}), so no follower sends a
 * record the replicas were not confirmed to have. Too few confirmations within the timeout fail the append as the
 * journal being unavailable: the turn fails ({@code journal_unavailable}) without sending the chunk, though the
 * primary holds the record and the replicas may get it later; followers see it only once a later append is
 * confirmed. A refusal of the script (fenced, out of sequence, ...) wrote nothing and waits for nothing.
 */
final class ReplicaWait {

    private static final LuaScript ACK = LuaScript.load("ack.lua");

    private final RedisCalls writers;
    private final int replicas;
    private final Duration timeout;

    ReplicaWait(RedisCalls writers, int replicas, Duration timeout) {
        this.writers = writers;
        this.replicas = replicas;
        this.timeout = timeout;
    }

    /** Whether followers read only confirmed records. */
    boolean confirmedOnly() {
        return replicas > 0;
    }

    /**
     * The append script with {@code keys} (the state hash second) and {@code args}: its replies, once the replicas
     * confirmed the records it wrote, if any (confirming the last confirms every one before it).
     */
    Uni<Response> append(LuaScript script, List<String> keys, List<String> args) {
        if (replicas == 0) {
            return writers.run(script, keys, args);
        }
        return writers.onOneConnection(send -> script.run(send, keys, args)
                .call(replies -> {
                    long entry = lastWritten(replies);
                    return entry > 0 ? confirm(send, keys.get(1), entry) : Uni.createFrom().voidItem();
                }));
    }

    /** The entry of the last record the script's replies (one per record, {@code append.lua}) say it wrote; 0: none. */
    private static long lastWritten(Response replies) {
        long last = 0;
        for (Response reply : replies) {
            if ("OK".equals(reply.get(0).toString())) {
                last = reply.get(1).toLong();
            }
        }
        return last;
    }

    private Uni<Response> confirm(Function<Request, Uni<Response>> send, String state, long entry) {
        return send.apply(Request.cmd(Command.WAIT).arg(replicas).arg(timeout.toMillis())).chain(reply -> {
            long confirmed = reply.toLong();
            if (confirmed < replicas) {
                return Uni.createFrom().failure(new JournalUnavailableException("redis: " + confirmed + " of "
                        + replicas + " replicas confirmed entry " + entry + " within " + timeout.toMillis()
                        + " ms (trueline.journal.redis.wait-replicas); it is in the primary, not sent", null));
            }
            return ACK.run(send, List.of(state), List.of(Long.toString(entry)));
        });
    }
}
