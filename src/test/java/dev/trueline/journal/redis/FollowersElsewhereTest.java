package dev.trueline.journal.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.FollowerPresence;
import dev.trueline.journal.FollowersElsewhere;

/**
 * Followers of a turn on another replica than its writer's, at the journal: two {@link RedisJournal}s (two
 * processes) on one real redis-server. What a follower on one says with {@link RedisJournal#present} is what the
 * writer on the other reads with {@link RedisJournal#followersElsewhere}: who follows now, and the furthest chunk
 * any of them was handed, also after they left.
 */
class FollowersElsewhereTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ConversationId ID = ConversationId.of("c1");

    @RegisterExtension
    static final RedisFixture redis = RedisFixture.perClass();

    @Test
    void aFollowerOnAnotherReplicaCountsWhileItFollowsAndWhatItWasHandedStaysWhenItLeaves() {
        // a lease of 60 s: nothing here expires, and nothing is renewed, within the test's waits
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofSeconds(60));
        RedisJournal writer = redis.journal(config, 8);
        RedisJournal other = redis.journal(config, 8);
        assertEquals(FollowersElsewhere.NONE, elsewhere(writer, 1));

        FollowerPresence follower = other.present(ID, 1, 4);
        await().atMost(WAIT).until(() -> elsewhere(writer, 1).equals(new FollowersElsewhere(1, 4)));
        follower.delivered(12);
        follower.leave(); // it says it left, with how far it got: no renewal, no expiry brings this
        await().atMost(WAIT).until(() -> elsewhere(writer, 1).equals(new FollowersElsewhere(0, 12)));
        assertEquals(FollowersElsewhere.NONE, elsewhere(writer, 2), "another turn's followers are its own");
    }

    @Test
    void aFollowersPresenceIsRenewedWithHowFarItGotAndALeavingIsNotUndoneByARenewal() {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofMillis(900));
        RedisJournal writer = redis.journal(config, 8);
        RedisJournal other = redis.journal(config, 8);
        FollowerPresence follower = other.present(ID, 1, 0);
        follower.delivered(9);
        // renewed every third of the lease time: the writer learns how far it got while it follows
        await().atMost(WAIT).until(() -> elsewhere(writer, 1).equals(new FollowersElsewhere(1, 9)));
        // and it still counts well after one lease time
        sleep(Duration.ofMillis(2000));
        assertEquals(1, elsewhere(writer, 1).present());

        follower.leave();
        await().atMost(WAIT).until(() -> elsewhere(writer, 1).present() == 0);
        sleep(Duration.ofMillis(1200)); // more than a renewal period: none comes after the leaving
        assertEquals(new FollowersElsewhere(0, 9), elsewhere(writer, 1));
    }

    @Test
    void theFurthestOfSeveralFollowersCountsAndOneWhoseProcessDiedStopsCountingAfterALeaseTime() {
        TestRedisConfig config = TestRedisConfig.fresh(Duration.ofMillis(900));
        RedisJournal writer = redis.journal(config, 8);
        RedisJournal other = redis.journal(config, 8);
        RedisJournal dies = redis.journal(config, 8);
        FollowerPresence staying = other.present(ID, 3, 0);
        FollowerPresence dying = dies.present(ID, 3, 0);
        staying.delivered(5);
        dying.delivered(20);
        await().atMost(WAIT).until(() -> elsewhere(writer, 3).equals(new FollowersElsewhere(2, 20)));

        dies.close(); // its renewals stop, as when its process dies: it never says it left
        await().atMost(WAIT).until(() -> elsewhere(writer, 3).present() == 1);
        assertEquals(20, elsewhere(writer, 3).furthest(), "what the dead one was handed still counts");
        staying.leave();
        await().atMost(WAIT).until(() -> elsewhere(writer, 3).equals(new FollowersElsewhere(0, 20)));
    }

    private static FollowersElsewhere elsewhere(RedisJournal writer, int turn) {
        return writer.followersElsewhere(ID, turn).await().atMost(WAIT);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
