package dev.trueline.journal.redis;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/** Stream entries out of {@code XRANGE} and {@code XREAD} replies, in RESP2 or RESP3 shape. */
final class StreamEntries {

    /** One entry: its number in the conversation (its id is {@code 0-n}) and its record line. */
    record Entry(long n, String line) {
    }

    private StreamEntries() {
    }

    /** The entries of an {@code XRANGE} reply (an array of {@code [id, [field, value...]]}). */
    static List<Entry> ofRange(Response range) {
        List<Entry> entries = new ArrayList<>();
        if (range == null) {
            return entries;
        }
        for (Response entry : range) {
            Response fields = entry.get(1);
            String line = fields.isMap() ? fields.get("r").toString() : valueOf(fields, "r");
            entries.add(new Entry(RedisKeys.entryNumber(entry.get(0).toString()), line));
        }
        return entries;
    }

    /** The entries of stream {@code key} in an {@code XREAD} reply; none when it timed out. */
    static List<Entry> ofRead(Response read, String key) {
        if (read == null) {
            return List.of();
        }
        if (read.isMap()) {
            return ofRange(read.get(key));
        }
        for (Response stream : read) {
            if (key.equals(stream.get(0).toString())) {
                return ofRange(stream.get(1));
            }
        }
        return List.of();
    }

    /**
     * {@code entries} up to the state hash's {@code acked} position, those the replicas were confirmed to have
     * ({@link ReplicaWait}): what a journal whose followers read only confirmed records may hand on.
     */
    static Uni<List<Entry>> confirmed(RedisCalls writers, String state, List<Entry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(entries);
        }
        return writers.send(Request.cmd(Command.HGET).arg(state).arg("acked")).map(reply -> {
            long acked = reply == null ? 0 : reply.toLong();
            return entries.stream().filter(e -> e.n() <= acked).toList();
        });
    }

    private static String valueOf(Response flat, String field) {
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            if (field.equals(flat.get(i).toString())) {
                return flat.get(i + 1).toString();
            }
        }
        throw new IllegalStateException("stream entry without field " + field);
    }
}
