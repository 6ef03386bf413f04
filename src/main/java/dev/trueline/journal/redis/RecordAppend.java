package dev.trueline.journal.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.trueline.journal.Accounted;
import dev.trueline.journal.ChunkOutOfSequenceException;
import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationRecord;
import dev.trueline.journal.DetachedRecord;
import dev.trueline.journal.JournalCodec;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.LeaseLostException;
import dev.trueline.journal.TerminalRecord;
import dev.trueline.journal.TurnClosedException;
import dev.trueline.journal.TurnRecord;
import dev.trueline.journal.UserRecord;
import io.vertx.mutiny.redis.client.Response;

/**
 * One record on its way into the append script: the script's arguments for it, and what the script's reply means.
 * The record's line is encoded here, by {@link JournalCodec}, exactly as the file journal writes it. An
 * {@link Accounted} record's {@code journaled} is the script's to know: it is encoded with the count the caller
 * expects, and a script that counts otherwise answers {@code STALE} with its count, for one more try.
 */
final class RecordAppend {

    /** What the script answered: the entry written, or a retry with the conversation indexed or re-counted. */
    sealed interface Outcome {
    }

    record Written(long entry) implements Outcome {
    }

    record NeedsIndex() implements Outcome {
    }

    record Recount(int written) implements Outcome {
    }

    private final ConversationId id;
    private final JournalRecord record;
    private final String epoch;

    /** @param epoch the lease's fencing epoch, or 0 for an append without a lease */
    RecordAppend(ConversationId id, JournalRecord record, long epoch) {
        this.id = id;
        this.record = record;
        this.epoch = Long.toString(epoch);
    }

    /** The record's six arguments to the script, the record counted with {@code journaled} (-1: not known yet). */
    void addArgs(List<String> args, int journaled) {
        String expected = record instanceof Accounted<?> ? Integer.toString(journaled) : "";
        args.add(epoch);
        args.add(kind());
        args.add(Integer.toString(turn()));
        args.add(Integer.toString(seq()));
        args.add(expected);
        args.add(line(written(journaled)));
    }

    /** The header line the script writes first if this record is the conversation's first. */
    String headerLine() {
        return line(defaultHeader());
    }

    JournalRecord record() {
        return record;
    }

    /** The record as the script writes it when counted with {@code journaled}: what followers are handed. */
    JournalRecord written(int journaled) {
        return record instanceof Accounted<?> accounted ? accounted.withJournaled(Math.max(journaled, 0)) : record;
    }

    /** The reply as an outcome; a refusal as the exception the {@code Journal} contract names for it. */
    Outcome outcome(Response reply) {
        String status = reply.get(0).toString();
        return switch (status) {
            case "OK" -> new Written(reply.get(1).toLong());
            case "NEW" -> new NeedsIndex();
            case "STALE" -> new Recount(reply.get(1).toInteger());
            case "BUSY" -> throw RedisLeases.busy(id, reply.get(1).toString());
            case "FENCED" -> throw new LeaseLostException("the lease on " + id + " was lost (it expired; now held: '"
                    + reply.get(1).toString() + "'): " + record.getClass().getSimpleName() + " not written");
            case "HEADER" -> throw new IllegalStateException("the journal of " + id + " has a header already");
            case "CLOSED" -> throw new TurnClosedException(what() + " of turn " + turn() + " of " + id
                    + ": that turn is not open");
            case "SEQ" -> throw new ChunkOutOfSequenceException("chunk " + seq() + " of turn " + turn() + " of " + id
                    + " out of sequence: expected " + (reply.get(1).toInteger() + 1));
            default -> throw new IllegalStateException("append script of " + id + " answered " + reply);
        };
    }

    private String kind() {
        if (record instanceof ConversationRecord) {
            return "header";
        } else if (record instanceof UserRecord) {
            return "user";
        } else if (record instanceof ChunkRecord) {
            return "chunk";
        } else if (record instanceof DetachedRecord) {
            return "detached";
        } else if (record instanceof TerminalRecord) {
            return "terminal";
        }
        return "other";
    }

    private int turn() {
        return record instanceof TurnRecord inTurn ? inTurn.turn() : 0;
    }

    private int seq() {
        return record instanceof ChunkRecord chunk ? chunk.seq() : 0;
    }

    private String what() {
        if (record instanceof ChunkRecord chunk) {
            return "chunk " + chunk.seq();
        }
        return record instanceof DetachedRecord ? "a departure" : "a terminal record";
    }

    /** The header a conversation gets when its first record is not one: naming nobody, as the file journal does. */
    private ConversationRecord defaultHeader() {
        return new ConversationRecord(ConversationRecord.FORMAT_VERSION, id.value(),
                record instanceof UserRecord user ? user.ts() : JournalRecord.now(), null);
    }

    /** The record's line without its {@code \n}: the stream entry holds one line, the export adds it back. */
    private static String line(JournalRecord record) {
        byte[] line = JournalCodec.encode(record);
        return new String(line, 0, line.length - 1, StandardCharsets.UTF_8);
    }
}
