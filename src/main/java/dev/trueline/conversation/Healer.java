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

    public static Transcript heal(ConversationId id, JournalContents contents, OptionalInt runningTurn) {
        return new Healing(id, runningTurn).run(contents);
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
                    Message.Usage usage = end.usage() == null ? null
                            : new Message.Usage(end.usage().input(), end.usage().output());
                    finish(end.ts(), open.text(open.chunks.size()), Message.COMPLETE, null, end.finish(), null,
                            null, usage, null);
                }
            } else if (record instanceof AbortedRecord aborted) {
                if (isOpen(aborted.turn())) {
                    touch(aborted.ts());
                    int shown = Math.min(aborted.delivered(), open.chunks.size());
                    finish(aborted.ts(), open.text(shown), Message.INTERRUPTED, aborted.reason(), null,
                            aborted.delivered(), aborted.journaled(), null, null);
                }
            } else if (record instanceof FailedRecord failed) {
                if (isOpen(failed.turn())) {
                    touch(failed.ts());
                    int shown = Math.min(failed.delivered(), open.chunks.size());
                    finish(failed.ts(), open.text(shown), Message.FAILED, null, null, failed.delivered(),
                            failed.journaled(), null, new Message.Error(failed.code(), failed.message()));
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
            finish(null, open.text(open.chunks.size()), running ? Message.IN_PROGRESS : Message.INTERRUPTED,
                    running ? null : Message.SERVER_STOPPED, null, null, open.chunks.size(), null, null);
        }

        private void finish(Instant ts, String text, String status, String reason, String finishReason,
                Integer delivered, Integer journaled, Message.Usage usage, Message.Error error) {
            messages.add(new Message(Message.ASSISTANT, open.turn, ts, text, status, reason, finishReason,
                    open.chunks.size(), delivered, journaled, usage, error, open.model));
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
