package dev.trueline.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import dev.trueline.journal.AbortedRecord;
import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationRecord;
import dev.trueline.journal.EndRecord;
import dev.trueline.journal.FailedRecord;
import dev.trueline.journal.JournalContents;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.Repair;
import dev.trueline.journal.RepairRecord;
import dev.trueline.journal.UserRecord;

/**
 * Turns journal records into the transcript a person saw (I4). Never throws on a bad journal: it repairs and
 * reports. An aborted or failed turn shows exactly its delivered prefix; a turn with no terminal record shows its
 * journaled chunks, {@code in_progress} while it runs and {@code interrupted}/{@code server_stopped} otherwise.
 */
public final class Healer {

    private static final int TITLE_LENGTH = 80;

    private Healer() {
    }

    /** The transcript of {@code contents}; its {@code runningTurn} is healed as in progress, not as cut off. */
    public static Transcript heal(ConversationId id, JournalContents contents) {
        return new Healing(id, contents.runningTurn()).run(contents);
    }

    private static final class Healing {

        private final ConversationId id;
        private final OptionalInt runningTurn;
        private final List<Message> messages = new ArrayList<>();
        private final List<Repair> repairs = new ArrayList<>();
        private Instant created;
        private Instant updated;
        private String title;
        private int turns;
        private OpenTurn open;

        Healing(ConversationId id, OptionalInt runningTurn) {
            this.id = id;
            this.runningTurn = runningTurn;
        }

        Transcript run(JournalContents contents) {
            for (JournalRecord record : contents.records()) {
                apply(record);
            }
            closeOpenTurn();
            repairs.addAll(contents.repairs());
            String status = messages.isEmpty() ? null : messages.get(messages.size() - 1).status();
            return new Transcript(id.value(), title, created, updated == null ? created : updated, turns, status,
                    messages, repairs);
        }

        private void apply(JournalRecord record) {
            if (record instanceof ConversationRecord header) {
                created = created == null ? header.created() : created;
            } else if (record instanceof UserRecord user) {
                openTurn(user);
            } else if (record instanceof ChunkRecord chunk) {
                if (open != null && chunk.turn() == open.turn && chunk.seq() == open.chunks.size() + 1) {
                    open.chunks.add(chunk.text());
                }
            } else if (record instanceof EndRecord end) {
                if (isOpen(end.turn())) {
                    touch(end.ts());
                    finish(Ending.complete(end, open.chunks.size()));
                }
            } else if (record instanceof AbortedRecord aborted) {
                if (isOpen(aborted.turn())) {
                    touch(aborted.ts());
                    finish(Ending.interrupted(aborted, open.chunks.size()));
                }
            } else if (record instanceof FailedRecord failed) {
                if (isOpen(failed.turn())) {
                    touch(failed.ts());
                    finish(Ending.failed(failed, open.chunks.size()));
                }
            } else if (record instanceof RepairRecord repair) {
                repairs.add(new Repair(repair.kind(), null, repair.offset(), repair.bytes(),
                        "cut off the file at " + repair.ts()));
            }
        }

        private void openTurn(UserRecord user) {
            if (user.turn() <= turns) {
                return; // a turn number seen before: keep the first, file order is the truth
            }
            closeOpenTurn();
            turns = user.turn();
            touch(user.ts());
            if (title == null) {
                title = titleOf(user.text());
            }
            messages.add(Message.user(user.turn(), user.ts(), user.text(), null));
            open = new OpenTurn(user.turn(), user.model());
        }

        private boolean isOpen(int turn) {
            return open != null && open.turn == turn;
        }

        /** A turn with no terminal record: still running, or cut off by a crash. */
        private void closeOpenTurn() {
            if (open == null) {
                return;
            }
            boolean running = runningTurn.isPresent() && runningTurn.getAsInt() == open.turn;
            finish(running ? Ending.inProgress(open.chunks.size()) : Ending.cutOff(open.chunks.size()));
        }

        private void finish(Ending ending) {
            messages.add(new Message(Message.ASSISTANT, open.turn, ending.ts(), open.text(ending.shown()),
                    ending.status(), ending.reason(), ending.finish(), open.chunks.size(), ending.delivered(),
                    ending.journaled(), ending.usage(), ending.error(), open.model));
            open = null;
        }

        private void touch(Instant ts) {
            if (ts != null && (updated == null || ts.isAfter(updated))) {
                updated = ts;
            }
        }

        private static String titleOf(String prompt) {
            String line = prompt.strip().replaceAll("\\s+", " ");
            return line.length() <= TITLE_LENGTH ? line : line.substring(0, TITLE_LENGTH - 1).stripTrailing() + "…";
        }
    }

    /**
     * How a turn's answer ends in the transcript: its status and what it shows ({@code shown} of its chunks), as
     * its terminal record says, or as healing decides when it has none.
     */
    private record Ending(Instant ts, int shown, String status, String reason, String finish, Integer delivered,
            Integer journaled, Message.Usage usage, Message.Error error) {

        /** The model finished: every chunk. */
        static Ending complete(EndRecord end, int chunks) {
            Message.Usage usage = end.usage() == null ? null
                    : new Message.Usage(end.usage().input(), end.usage().output());
            return new Ending(end.ts(), chunks, Message.COMPLETE, null, end.finish(), null, null, usage, null);
        }

        /**
         * Stopped before the model finished: exactly the delivered prefix, or every journaled chunk for a turn a
         * crash stopped (server_stopped). A delivered count above the journaled one (a record written by hand, or a
         * future writer) shows what is there, never fails.
         */
        static Ending interrupted(AbortedRecord aborted, int chunks) {
            int shown = AbortedRecord.SERVER_STOPPED.equals(aborted.reason()) ? chunks
                    : Math.max(0, Math.min(aborted.delivered(), chunks));
            return new Ending(aborted.ts(), shown, Message.INTERRUPTED, aborted.reason(), null, aborted.delivered(),
                    aborted.journaled(), null, null);
        }

        /** Failed: exactly the delivered prefix, and the error. */
        static Ending failed(FailedRecord failed, int chunks) {
            return new Ending(failed.ts(), Math.max(0, Math.min(failed.delivered(), chunks)), Message.FAILED, null,
                    null, failed.delivered(), failed.journaled(), null,
                    new Message.Error(failed.code(), failed.message()));
        }

        /** No terminal record and the turn still runs: what is journaled so far. */
        static Ending inProgress(int chunks) {
            return new Ending(null, chunks, Message.IN_PROGRESS, null, null, null, chunks, null, null);
        }

        /** No terminal record and nothing runs it: cut off by a crash, every journaled chunk (I4). */
        static Ending cutOff(int chunks) {
            return new Ending(null, chunks, Message.INTERRUPTED, Message.SERVER_STOPPED, null, null, chunks, null,
                    null);
        }
    }

    private static final class OpenTurn {
        final int turn;
        final String model;
        final List<String> chunks = new ArrayList<>();

        OpenTurn(int turn, String model) {
            this.turn = turn;
            this.model = model;
        }

        String text(int count) {
            return String.join("", chunks.subList(0, count));
        }
    }
}
