package dev.trueline.journal;

/**
 * What a turn's writer learns of the turn's followers in other processes ({@link Journal#followersElsewhere}).
 *
 * @param present how many follow it now
 * @param furthest the furthest chunk any of them (present or gone) was handed, 0 when none was
 */
public record FollowersElsewhere(int present, int furthest) {

    /** Nobody elsewhere: the answer of a journal that one process writes. */
    public static final FollowersElsewhere NONE = new FollowersElsewhere(0, 0);
}
