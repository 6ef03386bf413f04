package dev.trueline.turn;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.trueline.journal.AbortedRecord;
import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.FailedRecord;
import dev.trueline.journal.FollowerPresence;
import dev.trueline.journal.Journal;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.JournalUnavailableException;
import dev.trueline.journal.TerminalRecord;
import dev.trueline.journal.TurnRecord;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * One SSE response following one turn, from the client's {@code Last-Event-ID} on: what the journal holds after it,
 * then the live chunks, then the terminal event ({@link Journal#follow}: no gap, no repeat). A follower of a turn
 * that runs here tells its {@link Generation} when it comes, how far it got and when it leaves, so the generation
 * knows whether anyone still watches and what was delivered; a follower of a turn that runs in another process tells
 * its writer the same through the journal ({@link Journal#present}). A follower of a finished turn replays exactly what its
 * transcript keeps: an answer cut short ends at the chunks it delivered, not at every chunk it journaled. A turn
 * whose process died ends with {@code interrupted}/{@code server_stopped} after its journaled chunks, never a hang.
 */
final class Follower {

    private final ConversationId id;
    private final int turn;
    private final LastEventId from;
    private final Journal journal;
    private final Generation generation;
    private final boolean starter;
    private final Duration heartbeat;
    private final Vertx vertx;
    /** The last chunk handed to the response: what this follower delivered. */
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicBoolean attached = new AtomicBoolean();
    /** How the writer of a turn running in another process knows of this follower; NONE otherwise. */
    private final AtomicReference<FollowerPresence> presence = new AtomicReference<>(FollowerPresence.NONE);
    private final AtomicBoolean gone = new AtomicBoolean();

    /**
     * @param generation the turn's generation when it runs on this instance, else null
     * @param starter whether this is the response that started the turn (its place is kept from the start)
     * @param heartbeat the silence after which a {@link TurnEvent.Ping} goes out
     */
    Follower(ConversationId id, int turn, LastEventId from, Journal journal, Generation generation, boolean starter,
            Duration heartbeat, Vertx vertx) {
        this.id = id;
        this.turn = turn;
        this.from = from;
        this.journal = journal;
        this.generation = generation;
        this.starter = starter;
        this.heartbeat = heartbeat;
        this.vertx = vertx;
        this.delivered.set(from.seen());
    }

    /**
     * The turn's events for this response, with {@link TurnEvent.Ping}s in its silences, to be handed to it one at a
     * time: each item passed on counts as delivered to this client (an upper bound on what it rendered, I6).
     */
    Multi<TurnEvent> events() {
        Multi<TurnEvent> events = Multi.createFrom().deferred(this::fromJournal)
                .onFailure(JournalUnavailableException.class).recoverWithItem(failure -> new TurnEvent.Error(turn,
                        "journal_unavailable", "The journal could not be read or written; what was sent is saved."));
        return Heartbeats.during(events, heartbeat, () -> new TurnEvent.Ping(turn), vertx)
                .onItem().invoke(this::handedOver)
                .onTermination().invoke(this::left);
    }

    private Multi<TurnEvent> fromJournal() {
        if (generation != null && generation.attach(from.seen(), starter)) {
            attached.set(true);
            return ended(journal.follow(id, turn, from.seq()));
        }
        // Finished, or finishing: replay what its terminal record keeps, once it is written.
        Uni<Void> written = generation == null ? Uni.createFrom().voidItem()
                : Uni.createFrom().completionStage(generation.ended()).replaceWithVoid();
        return written.chain(() -> journal.readTurn(id, turn, TurnRecord.TERMINAL_POSITION - 1, 1))
                .onItem().transformToMulti(page -> {
                    if (!page.hasTerminal() && generation == null) {
                        present(); // running in another process: its writer counts this follower there
                    }
                    int kept = page.hasTerminal() ? kept((TerminalRecord) page.records().get(0)) : Integer.MAX_VALUE;
                    return ended(journal.follow(id, turn, from.seq())
                            .select().where(r -> !(r instanceof ChunkRecord chunk) || chunk.seq() <= kept));
                });
    }

    /** How many chunks a finished turn's answer keeps: all of them, or the delivered prefix of one cut short. */
    private static int kept(TerminalRecord terminal) {
        if (terminal instanceof AbortedRecord aborted && !AbortedRecord.SERVER_STOPPED.equals(aborted.reason())) {
            return Math.min(aborted.delivered(), aborted.journaled());
        }
        if (terminal instanceof FailedRecord failed) {
            return Math.min(failed.delivered(), failed.journaled());
        }
        return Integer.MAX_VALUE;
    }

    /**
     * The records as events, and, when the journal ends the turn without a terminal record (its process died), the
     * healed end: {@code interrupted}/{@code server_stopped} after every journaled chunk.
     */
    private Multi<TurnEvent> ended(Multi<JournalRecord> records) {
        AtomicBoolean terminal = new AtomicBoolean();
        AtomicInteger lastChunk = new AtomicInteger(from.seen());
        return records
                .onItem().transform(r -> {
                    if (r instanceof TerminalRecord) {
                        terminal.set(true);
                    } else if (r instanceof ChunkRecord chunk) {
                        lastChunk.set(chunk.seq());
                    }
                    return TurnEvents.of(id, r);
                })
                .onCompletion().switchTo(() -> terminal.get() ? Multi.createFrom().empty()
                        : Multi.createFrom().item(TurnEvents.serverStopped(turn, lastChunk.get())));
    }

    /** Tells the writer in another process that this follower follows, unless it is gone already. */
    private void present() {
        FollowerPresence here = journal.present(id, turn, from.seen());
        presence.set(here);
        if (gone.get() && presence.compareAndSet(here, FollowerPresence.NONE)) {
            here.leave(); // left while it was being announced
        }
    }

    private void handedOver(TurnEvent event) {
        if (event instanceof TurnEvent.Chunk chunk) {
            delivered.set(chunk.seq());
            presence.get().delivered(chunk.seq());
            if (attached.get()) {
                generation.handedOver(chunk.seq());
            }
        }
    }

    private void left() {
        gone.set(true);
        presence.getAndSet(FollowerPresence.NONE).leave();
        if (attached.compareAndSet(true, false)) {
            generation.detach(from.seen(), delivered.get());
        }
    }
}
