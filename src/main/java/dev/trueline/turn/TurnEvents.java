package dev.trueline.turn;

import dev.trueline.journal.AbortedRecord;
import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.EndRecord;
import dev.trueline.journal.FailedRecord;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.UserRecord;

/**
 * A turn's journal records as the events a follower sends: the prompt opens the stream ({@code turn}), each chunk
 * is a {@code chunk}, and the terminal record is the one last event: {@code end}; {@code error} for a failure and
 * for a shutdown ({@code shutting_down}, as v1 sent it); {@code interrupted} for every other stop, with the number of
 * chunks the answer keeps.
 */
final class TurnEvents {

    static final String SHUTTING_DOWN = "shutting_down";
    private static final String SHUTDOWN_MESSAGE = "The server shut down during this answer; the answer so far is "
            + "saved. Send the prompt again to go on.";

    private TurnEvents() {
    }

    static TurnEvent of(ConversationId id, JournalRecord record) {
        if (record instanceof UserRecord user) {
            return new TurnEvent.Started(id.value(), user.turn(), user.adapter(), user.model());
        }
        if (record instanceof ChunkRecord chunk) {
            return new TurnEvent.Chunk(chunk.turn(), chunk.seq(), chunk.text());
        }
        if (record instanceof EndRecord end) {
            return new TurnEvent.End(end.turn(), end.chunks(), end.finish(),
                    end.usage() == null ? null : new TurnEvent.Usage(end.usage().input(), end.usage().output()));
        }
        if (record instanceof FailedRecord failed) {
            return new TurnEvent.Error(failed.turn(), failed.code(), failed.message());
        }
        if (record instanceof AbortedRecord aborted) {
            if (AbortedRecord.SHUTDOWN.equals(aborted.reason())) {
                return new TurnEvent.Error(aborted.turn(), SHUTTING_DOWN, SHUTDOWN_MESSAGE);
            }
            int kept = AbortedRecord.SERVER_STOPPED.equals(aborted.reason()) ? aborted.journaled()
                    : Math.min(aborted.delivered(), aborted.journaled());
            return new TurnEvent.Interrupted(aborted.turn(), aborted.reason(), kept);
        }
        throw new IllegalArgumentException("not a record a follower sends: " + record);
    }

    /** The end of a turn with no terminal record whose process died: every journaled chunk stays (I4). */
    static TurnEvent.Interrupted serverStopped(int turn, int chunks) {
        return new TurnEvent.Interrupted(turn, AbortedRecord.SERVER_STOPPED, chunks);
    }
}
