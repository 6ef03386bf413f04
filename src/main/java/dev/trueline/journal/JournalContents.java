package dev.trueline.journal;

import java.util.List;

/** What a journal file holds: the records that parsed, in file order, and what was skipped on the way. */
public record JournalContents(List<JournalRecord> records, List<Repair> repairs) {

    public JournalContents {
        records = List.copyOf(records);
        repairs = List.copyOf(repairs);
    }
}
