package dev.trueline.durability;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import dev.trueline.journal.ChunkRecord;
import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationLease;
import dev.trueline.journal.ConversationRecord;
import dev.trueline.journal.Journal;
import dev.trueline.journal.JournalContents;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.JournalUnavailableException;
import dev.trueline.journal.LeasePurpose;
import dev.trueline.journal.TurnPage;
import dev.trueline.journal.file.JsonlJournal;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A test-only storage fault: the real {@link JsonlJournal} in every respect, except that in a conversation named
 * {@code jfail-<n>-...} the append of chunk {@code n} of any turn fails the way a full disk makes
 * {@code ConversationFile} fail (a {@link JournalUnavailableException} around an {@link IOException}). Honest about
 * what it is: the failure is injected above the file, not produced by a disk. Tests running as root cannot make a
 * directory unwritable with permission bits; the readiness test inflicts a real fault instead (the directory
 * replaced by a plain file). The fault meets appends made through a lease too, which is how turns write. Enabled
 * only by {@link JournalFaultProfile}.
 */
@Alternative
@ApplicationScoped
public class FailingJournal implements Journal {

    private static final Pattern FAIL_AT = Pattern.compile("jfail-(\\d+)-.*");

    private final JsonlJournal real;

    public FailingJournal(JsonlJournal real) {
        this.real = real;
    }

    @Override
    public Uni<ConversationLease> lease(ConversationId id, LeasePurpose purpose) {
        return real.lease(id, purpose).map(FaultyLease::new);
    }

    @Override
    public Uni<Void> append(ConversationId id, JournalRecord record) {
        return injectedFault(id, record).orElseGet(() -> real.append(id, record));
    }

    @Override
    public Uni<TurnPage> readTurn(ConversationId id, int turn, int after, int limit) {
        return real.readTurn(id, turn, after, limit);
    }

    @Override
    public Multi<JournalRecord> follow(ConversationId id, int turn, int after) {
        return real.follow(id, turn, after);
    }

    private static Optional<Uni<Void>> injectedFault(ConversationId id, JournalRecord record) {
        Matcher m = FAIL_AT.matcher(id.value());
        if (record instanceof ChunkRecord chunk && m.matches() && chunk.seq() == Integer.parseInt(m.group(1))) {
            return Optional.of(Uni.createFrom().failure(new JournalUnavailableException("cannot append to journal of "
                    + id + ": java.io.IOException: No space left on device (injected by FailingJournal)",
                    new IOException("No space left on device"))));
        }
        return Optional.empty();
    }

    /** The real lease, whose appends meet the same injected fault. */
    private record FaultyLease(ConversationLease real) implements ConversationLease {

        @Override
        public ConversationId conversation() {
            return real.conversation();
        }

        @Override
        public Uni<Void> append(JournalRecord record) {
            return injectedFault(real.conversation(), record).orElseGet(() -> real.append(record));
        }

        @Override
        public void runs(int turn) {
            real.runs(turn);
        }

        @Override
        public Uni<Boolean> delete() {
            return real.delete();
        }

        @Override
        public void release() {
            real.release();
        }
    }

    @Override
    public Uni<Optional<JournalContents>> read(ConversationId id) {
        return real.read(id);
    }

    @Override
    public Uni<Optional<ConversationRecord>> header(ConversationId id) {
        return real.header(id);
    }

    @Override
    public Uni<Optional<byte[]>> readRaw(ConversationId id) {
        return real.readRaw(id);
    }

    @Override
    public Uni<List<ConversationId>> list() {
        return real.list();
    }

    @Override
    public Uni<Boolean> delete(ConversationId id) {
        return real.delete(id);
    }
}
