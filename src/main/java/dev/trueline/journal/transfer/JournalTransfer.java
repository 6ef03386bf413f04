package dev.trueline.journal.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.Journal;
import dev.trueline.journal.JournalCodec;
import dev.trueline.journal.JournalContents;
import dev.trueline.journal.JournalRecord;

/**
 * Moves conversations between a journal backend (Redis) and a directory in the file journal's layout: one
 * {@code <cid>.jsonl} per conversation, the journal format v1 (DESIGN.md). An export writes each conversation's raw
 * journal, the bytes {@code GET /api/conversations/{id}/journal} answers; an import appends each file's records in
 * order, after checking that none of the conversations exists yet. Both are one-shot: run them while no replica
 * writes (a turn running during an export is exported as far as it got, and reads back as interrupted).
 */
public final class JournalTransfer {

    private static final String SUFFIX = ".jsonl";
    private static final Duration WAIT = Duration.ofMinutes(1);

    /** What was done, conversation by conversation, for the operator. */
    public record Report(List<String> lines, boolean ok) {
    }

    private final Journal journal;

    public JournalTransfer(Journal journal) {
        this.journal = journal;
    }

    /**
     * Writes every conversation of the journal to {@code dir} (created if missing) as {@code <cid>.jsonl}. Refuses a
     * conversation whose file exists already, rather than overwrite it; each file appears whole (written beside, then
     * moved into place).
     */
    public Report export(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        boolean ok = true;
        for (ConversationId id : journal.list().await().atMost(WAIT)) {
            Path file = dir.resolve(id.value() + SUFFIX);
            if (Files.exists(file)) {
                lines.add("refused " + id.value() + ": " + file + " exists already; not overwritten");
                ok = false;
                continue;
            }
            Optional<byte[]> raw = journal.readRaw(id).await().atMost(WAIT);
            if (raw.isEmpty()) {
                continue; // listed, but nothing written (a first append that failed), or expired meanwhile
            }
            Path partial = dir.resolve("." + id.value() + SUFFIX + ".partial"); // not *.jsonl: never a conversation
            Files.write(partial, raw.get());
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            lines.add("exported " + id.value() + ": " + raw.get().length + " bytes to " + file);
        }
        return new Report(lines, ok);
    }

    /**
     * Appends the records of every {@code <cid>.jsonl} of {@code dir} to the journal. Nothing is imported when any
     * of those conversations exists in the journal already: each clash is named instead. A file's torn last line or
     * corrupt lines are skipped and reported, as the file journal's reader does (I4); the conversation then reads
     * back healed, not byte for byte.
     */
    public Report importFrom(Path dir) throws IOException {
        List<Path> files = conversationFiles(dir);
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            ConversationId id = idOf(file);
            if (journal.readRaw(id).await().atMost(WAIT).isPresent()) {
                lines.add("refused " + id.value() + ": the conversation exists already; delete it first to replace it");
            }
        }
        if (!lines.isEmpty()) {
            lines.add("nothing imported");
            return new Report(lines, false);
        }
        for (Path file : files) {
            ConversationId id = idOf(file);
            byte[] bytes = Files.readAllBytes(file);
            JournalContents contents = JournalCodec.decode(bytes);
            for (JournalRecord record : contents.records()) {
                journal.append(id, record).await().atMost(WAIT);
            }
            boolean same = journal.readRaw(id).await().atMost(WAIT).map(raw -> Arrays.equals(raw, bytes))
                    .orElse(false);
            lines.add("imported " + id.value() + ": " + contents.records().size() + " records"
                    + (same ? ", byte for byte" : ", re-encoded (it reads back healed, not byte for byte)")
                    + (contents.repairs().isEmpty() ? "" : "; skipped " + contents.repairs()));
        }
        return new Report(lines, true);
    }

    private static List<Path> conversationFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .filter(p -> ConversationId.isValid(stem(p)))
                    .sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static ConversationId idOf(Path file) {
        return ConversationId.of(stem(file));
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - SUFFIX.length());
    }
}
