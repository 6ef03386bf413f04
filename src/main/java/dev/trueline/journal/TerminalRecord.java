package dev.trueline.journal;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The one record that closes a turn (I3): {@link EndRecord}, {@link AbortedRecord} or {@link FailedRecord}. */
@RegisterForReflection // written and read by Jackson
public sealed interface TerminalRecord extends TurnRecord permits EndRecord, AbortedRecord, FailedRecord {

    @Override
    default int position() {
        return TERMINAL_POSITION;
    }
}
