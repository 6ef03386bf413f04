package dev.trueline.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.trueline.adapter.scripted.ScriptedAdapter;
import dev.trueline.adapter.scripted.ScriptedReply;
import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationLease;
import dev.trueline.journal.ConversationRecord;
import dev.trueline.journal.EndRecord;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.LeasePurpose;
import dev.trueline.journal.SyncMode;
import dev.trueline.journal.UserRecord;
import dev.trueline.journal.file.Fsync;
import dev.trueline.journal.file.JsonlJournal;
import dev.trueline.journal.file.TestJournalConfig;
import dev.trueline.security.CurrentPrincipal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * S5's finished conversations, written into the fresh journal directory before the server starts. Building a
 * 1,000-turn conversation through the API is quadratic (starting a turn reads and heals the whole conversation, the
 * model needs its history) and is not what S5 measures, so the harness writes the files itself, with the app's own
 * writer ({@link JsonlJournal}: its file naming, header and encoding, I2 and I3 checked on every append) and the
 * records a turn of the scripted model writes, in the order it writes them ({@code TurnService}, {@code Generation}):
 * a header naming the principal of {@code trueline.auth.mode=none}, then per turn the prompt, the chunks of
 * {@link ScriptedReply} and an {@code end}. No side file exists to write: the file journal keeps where turns start
 * only in memory ({@code TurnStarts}).
 */
final class FinishedConversations {

    /** The conversation sizes S5 compares, in turns. */
    static final List<Integer> TURNS = List.of(10, 1000);
    /** The prompt of every turn: the load generator's default. */
    static final String PROMPT = "bench";
    private static final String MODEL = "scripted-1"; // trueline.adapter.scripted.model's default

    private FinishedConversations() {
    }

    /** The id of the conversation of {@code turns} turns. */
    static String id(int turns) {
        return "s5-" + turns;
    }

    /**
     * Writes one conversation per size into {@code dir}, each turn {@code chunks} chunks of about {@code chunkChars}
     * characters, ended with {@code finish=stop}. Returns the records written.
     */
    static long write(Path dir, List<Integer> sizes, int chunks, int chunkChars) throws Exception {
        JsonlJournal journal = new JsonlJournal(TestJournalConfig.of(dir, SyncMode.NONE), new SimpleMeterRegistry(),
                Fsync.FORCE);
        List<String> answer = ScriptedReply.chunks(PROMPT, chunks, chunkChars);
        long records = 0;
        for (int turns : sizes) {
            ConversationId id = ConversationId.of(id(turns));
            for (int turn = 1; turn <= turns; turn++) {
                List<JournalRecord> lines = new ArrayList<>(answer.size() + 3);
                if (turn == 1) {
                    lines.add(ConversationRecord.header(id, JournalRecord.now(), CurrentPrincipal.LOCAL));
                }
                lines.add(new UserRecord(turn, JournalRecord.now(), PROMPT, ScriptedAdapter.KIND, MODEL));
                for (int seq = 1; seq <= answer.size(); seq++) {
                    lines.add(new ChunkRecord(turn, seq, answer.get(seq - 1)));
                }
                lines.add(new EndRecord(turn, JournalRecord.now(), answer.size(), "stop", null));
                records += appendAll(journal, id, turn, lines);
            }
        }
        return records;
    }

    /** One turn's records under its lease, all queued at once (the journal keeps their order), then awaited. */
    private static int appendAll(JsonlJournal journal, ConversationId id, int turn, List<JournalRecord> lines)
            throws Exception {
        ConversationLease lease = journal.lease(id, LeasePurpose.TURN).await().indefinitely();
        try {
            lease.runs(turn);
            List<CompletableFuture<Void>> written = new ArrayList<>(lines.size());
            for (JournalRecord line : lines) {
                written.add(lease.append(line).subscribeAsCompletionStage());
            }
            CompletableFuture.allOf(written.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            return lines.size();
        } finally {
            lease.release();
        }
    }
}
