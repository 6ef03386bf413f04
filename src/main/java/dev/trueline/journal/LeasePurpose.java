package dev.trueline.journal;

/** Why a conversation is held: a turn runs in it, or it is being deleted. */
public enum LeasePurpose {
    TURN,
    DELETION
}
