package dev.trueline.journal.redis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import dev.trueline.journal.ConversationId;
import dev.trueline.journal.ConversationLease;
import dev.trueline.journal.ConversationRecord;
import dev.trueline.journal.FollowerPresence;
import dev.trueline.journal.FollowersElsewhere;
import dev.trueline.journal.Journal;
import dev.trueline.journal.JournalCodec;
import dev.trueline.journal.JournalConfig;
import dev.trueline.journal.JournalContents;
import dev.trueline.journal.JournalRecord;
import dev.trueline.journal.LeaseLostException;
import dev.trueline.journal.LeasePurpose;
import dev.trueline.journal.TurnFollow;
import dev.trueline.journal.TurnPage;
import dev.trueline.journal.TurnTails;
import io.quarkus.redis.client.RedisClientName;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The journal on Redis Streams (phase 1 of issue #11, docs/redis.md): one stream per conversation whose entry n is
 * the conversation's n-th record line (id {@code 0-n}, the header being entry 1), as {@link JournalCodec} writes it
 * for the file journal, so that the file format is the entries joined with {@code \n}. Keys are hash-tagged by
 * conversation ({@link RedisKeys}). Each append is one Lua script that checks the lease's fencing epoch, I2 and I3
 * against a small state hash and writes the entry with {@code XADD}; its Uni completes only once Redis acknowledged
 * it (I1). The records a conversation queues while its last call is in flight go in one run of the script
 * ({@link StreamAppends}). The state hash also keeps where each turn's prompt is, so a turn is read (and followed)
 * from there, at a cost that depends on the turn, not on the conversation. Conversations are listed from a sorted set, never a
 * scan.
 * Followers of a turn written here get its records from a live tail, published once Redis acknowledged each append;
 * followers of a turn written by another process share one blocking reader per conversation ({@link FollowRounds}).
 * <p>
 * Two clients: {@code writers} for appends and reads, {@code followers} only for those blocking reads, so that
 * waiting followers never hold a connection an append needs. A bean of its own type only: it is the application's
 * {@link Journal} when {@code trueline.journal.backend=redis} ({@code JournalProducer}), and idle otherwise.
 */
@ApplicationScoped
@Typed(RedisJournal.class)
public class RedisJournal implements Journal {

    /** Entries read per round trip by ranged reads and followers. */
    private static final int PAGE = 256;
    private static final LuaScript APPEND = LuaScript.load("fence.lua", "retention.lua", "append.lua");
    private static final LuaScript DELETE = LuaScript.load("fence.lua", "delete.lua");

    private final RedisCalls writers;
    private final RedisCalls followers;
    private final RedisJournalConfig config;
    private final int followerPage;
    private final ScheduledExecutorService timer;
    private final RedisLeases leases;
    private final StopRequests stops;
    private final AbandonedTurns abandoned;
    private final ReplicaWait appends;
    private final Retention retention;
    private final OrderedCalls ordered = new OrderedCalls();
    private final StreamAppends writes;
    private final TurnTails tails;
    private final FollowRounds follows;
    private final FollowerPresences presences;

    /**
     * The application's journal on its Redis clients: the default one for appends and reads, {@code trueline-follow}
     * for the followers' blocking reads. Both are looked up on first use, so that an application that has this bean
     * but journals to files starts, and stays ready, without any Redis configured.
     */
    @Inject
    public RedisJournal(RedisJournalConfig config, JournalConfig journal, Instance<Redis> writers,
            @RedisClientName("trueline-follow") Instance<Redis> followers) {
        this(config, journal.followerBuffer(), writers::get, followers::get);
    }

    /**
     * A journal built by hand (tests, tools).
     *
     * @param followerPage entries a follower reads per round trip: what it may hold in memory
     */
    public RedisJournal(RedisJournalConfig config, int followerPage, Redis writers, Redis followers) {
        this(config, followerPage, () -> writers, () -> followers);
    }

    private RedisJournal(RedisJournalConfig config, int followerPage, Supplier<Redis> writers,
            Supplier<Redis> followers) {
        RedisSettings.check(config);
        this.config = config;
        this.followerPage = followerPage;
        this.writers = new RedisCalls(writers);
        this.followers = new RedisCalls(followers);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "trueline-redis-leases");
            t.setDaemon(true);
            return t;
        });
        this.retention = new Retention(this.writers, config.keyPrefix(), config.ttl());
        this.leases = new RedisLeases(this.writers, config.keyPrefix(), config.leaseTime(), timer, retention);
        this.appends = new ReplicaWait(this.writers, config.waitReplicas(), config.waitTimeout());
        this.stops = new StopRequests(this.writers, config.keyPrefix(), config.leaseTime());
        this.abandoned = new AbandonedTurns(this, this.writers, config.keyPrefix(), config.leaseTime());
        // a follower up to a page behind a turn written here (the response that started it) joins its tail at once
        this.presences = new FollowerPresences(this.writers, config.keyPrefix(), config.leaseTime(), timer);
        this.tails = new TurnTails(followerPage);
        this.writes = new StreamAppends(ordered, appends, retention, tails, this::keys, this::index, APPEND);
        this.follows = new FollowRounds(tails, new StreamWatches(this.followers, config.followBlock()), this.writers,
                followerPage, abandoned, appends.confirmedOnly());
    }

    @Override
    public Uni<ConversationLease> lease(ConversationId id, LeasePurpose purpose) {
        // Renewing starts only once the caller takes the lease: one that gave up waiting (cancelled) leaves a key
        // nobody renews, which expires after the lease time instead of holding the conversation for good.
        // A turn the state still has open is a dead writer's: its end is journaled under the new lease first.
        return ordered.submit(id, () -> leases.take(id, purpose))
                .call(taken -> abandoned.closeFor(id, purpose, taken))
                .map(taken -> {
                    RedisLease lease = new RedisLease(this, stops, id, purpose, taken.epoch());
                    lease.renewWith(leases.keepRenewed(id, taken.epoch(), lease::lost,
                            seen -> lease.stopAsked(seen, "with a renewal")));
                    stops.watch(lease);
                    return lease;
                });
    }

    @Override
    public Uni<Void> append(ConversationId id, JournalRecord record) {
        return append(id, record, 0);
    }

    /** Appends through the lease of fencing epoch {@code epoch} (0: without a lease, refused while one is held). */
    Uni<Void> append(ConversationId id, JournalRecord record, long epoch) {
        // I1: a record reaches this process's followers once Redis acknowledged it, still on the conversation's
        // queue, so a follower's page read on that queue joins the live tail exactly where the page ends
        return writes.append(id, new RecordAppend(id, record, epoch)).replaceWithVoid();
    }

    /** The lease on {@code id} no longer lets this process write turn {@code turn}: its live tail is dropped. */
    void stopsWriting(ConversationId id, int turn) {
        tails.abandon(id, turn);
    }

    @Override
    public Uni<Optional<JournalContents>> read(ConversationId id) {
        return ordered.submit(id, () -> all(id).chain(entries -> {
            if (entries.isEmpty()) {
                return Uni.createFrom().item(Optional.<JournalContents> empty());
            }
            // the running turn is read after the records, as the file journal does: a turn's lease names it before
            // its prompt is appended and is released after its terminal record, so the two agree
            return holder(id).map(holder -> Optional.of(JournalCodec.decode(bytes(entries))
                    .running(holder.map(RedisLeases.Holder::runningTurn).orElse(OptionalInt.empty()))));
        }));
    }

    @Override
    public Uni<Optional<ConversationRecord>> header(ConversationId id) {
        return ordered.submit(id, () -> writers.send(Request.cmd(Command.XRANGE).arg(keys(id).log())
                .arg(RedisKeys.entryId(1)).arg(RedisKeys.entryId(1))).map(reply -> {
                    List<StreamEntries.Entry> first = StreamEntries.ofRange(reply);
                    if (first.isEmpty()) {
                        return Optional.empty();
                    }
                    byte[] line = first.get(0).line().getBytes(StandardCharsets.UTF_8);
                    return JournalCodec.decodeLine(line, 0, line.length) instanceof ConversationRecord header
                            ? Optional.of(header)
                            : Optional.empty();
                }));
    }

    @Override
    public Uni<Optional<byte[]>> readRaw(ConversationId id) {
        return ordered.submit(id, () -> all(id).map(entries -> entries.isEmpty() ? Optional.empty()
                : Optional.of(bytes(entries))));
    }

    @Override
    public Uni<TurnPage> readTurn(ConversationId id, int turn, int after, int limit) {
        return ordered.submit(id, () -> turnPage(id, turn, after, limit, -1));
    }

    @Override
    public Multi<JournalRecord> follow(ConversationId id, int turn, int after) {
        // a follower level with the turn's live tail joins it at once; any other reads a page on the conversation's
        // queue, where nothing is published meanwhile, and goes on from the tail or the stream where the page ends
        return new TurnFollow(id, turn, after, (from, cursor) -> follows.joinNow(id, turn, from)
                .orElseGet(() -> ordered.submit(id, () -> turnPage(id, turn, from, followerPage, cursor)
                        .map(page -> follows.round(id, keys(id), turn, page, from)))))
                .records();
    }

    @Override
    public Uni<List<ConversationId>> list() {
        return retention.members()
                .map(reply -> {
                    List<ConversationId> ids = new ArrayList<>();
                    for (Response member : reply) {
                        if (ConversationId.isValid(member.toString())) {
                            ids.add(ConversationId.of(member.toString()));
                        }
                    }
                    return ids;
                });
    }

    @Override
    public Uni<Boolean> delete(ConversationId id) {
        return delete(id, 0);
    }

    /** Deletes through the lease of fencing epoch {@code epoch} (0: without a lease). */
    Uni<Boolean> delete(ConversationId id, long epoch) {
        RedisKeys keys = keys(id);
        return ordered.submit(id, () -> writers.run(DELETE, List.of(keys.log(), keys.state(), keys.lease()),
                List.of(Long.toString(epoch))).chain(reply -> {
                    String status = reply.get(0).toString();
                    if ("BUSY".equals(status)) {
                        throw RedisLeases.busy(id, reply.get(1).toString());
                    } else if ("FENCED".equals(status)) {
                        throw new LeaseLostException("the lease on " + id + " was lost: not deleted");
                    }
                    boolean existed = reply.get(1).toInteger() == 1;
                    return writers.send(Request.cmd(Command.ZREM).arg(RedisKeys.index(config.keyPrefix()))
                            .arg(id.value())).replaceWith(existed);
                }));
    }

    @Override
    public Uni<Boolean> requestStop(ConversationId id, int turn, int seen) {
        return stops.request(id, turn, seen);
    }

    @Override
    public FollowerPresence present(ConversationId id, int turn, int from) {
        return presences.enter(id, turn, from);
    }

    @Override
    public Uni<FollowersElsewhere> followersElsewhere(ConversationId id, int turn) {
        return presences.of(id, turn);
    }

    /** Stops renewing leases. Leases still held are not given back: they expire after the lease time. */
    @PreDestroy
    public void close() {
        timer.shutdownNow();
        stops.close();
    }

    /** Turns this process writes whose live tail is open. For tests. */
    int liveTails() {
        return tails.size();
    }

    RedisJournalConfig config() {
        return config;
    }

    /** A {@code PING} on the writers' client: completes when the server answered, fails as unavailable otherwise. */
    Uni<Void> ping() {
        return writers.send(Request.cmd(Command.PING)).replaceWithVoid();
    }

    Uni<Boolean> runs(ConversationId id, long epoch, LeasePurpose purpose, int turn) {
        return ordered.submit(id, () -> leases.runs(id, epoch, purpose, turn));
    }

    Uni<Boolean> release(ConversationId id, long epoch) {
        return ordered.submit(id, () -> leases.release(id, epoch));
    }

    private RedisKeys keys(ConversationId id) {
        return RedisKeys.of(config.keyPrefix(), id);
    }

    private Uni<Void> index(ConversationId id) {
        return writers.send(Request.cmd(Command.ZADD).arg(RedisKeys.index(config.keyPrefix())).arg("NX")
                .arg(System.currentTimeMillis()).arg(id.value())).replaceWithVoid();
    }

    private Uni<Optional<RedisLeases.Holder>> holder(ConversationId id) {
        return writers.send(Request.cmd(Command.GET).arg(keys(id).lease()))
                .map(reply -> RedisLeases.Holder.parse(reply == null ? null : reply.toString()));
    }

    /** The entry of turn {@code turn}'s prompt, or -1 when the conversation has no such turn. */
    private Uni<Long> turnStart(ConversationId id, int turn) {
        return writers.send(Request.cmd(Command.HGET).arg(keys(id).state()).arg("p:" + turn))
                .map(reply -> reply == null ? -1L : reply.toLong());
    }

    /** Turn {@code turn}'s records after position {@code after}, read from entry {@code cursor} (-1: its prompt). */
    private Uni<TurnPage> turnPage(ConversationId id, int turn, int after, int limit, long cursor) {
        Uni<Long> from = cursor < 0 ? turnStart(id, turn) : Uni.createFrom().item(cursor);
        return from.chain(start -> start < 0 ? Uni.createFrom().item(TurnPage.missing())
                : turnPage(id, new TurnCollector(turn, after), start, limit, new ArrayList<>()));
    }

    private Uni<TurnPage> turnPage(ConversationId id, TurnCollector collector, long from, int limit,
            List<JournalRecord> records) {
        return turnRange(id, from).chain(entries -> {
            for (StreamEntries.Entry entry : entries) {
                JournalRecord record = collector.offer(entry.line());
                if (record != null) {
                    if (records.size() == limit) {
                        return Uni.createFrom().item(new TurnPage(true, records, false, entry.n()));
                    }
                    records.add(record);
                }
                if (collector.ended()) {
                    return Uni.createFrom().item(new TurnPage(true, records, true, entry.n() + 1));
                }
            }
            long next = entries.isEmpty() ? from : entries.get(entries.size() - 1).n() + 1;
            return entries.size() < PAGE ? Uni.createFrom().item(new TurnPage(true, records, false, next))
                    : turnPage(id, collector, next, limit, records);
        });
    }

    private Uni<List<StreamEntries.Entry>> range(ConversationId id, long from) {
        return writers.send(Request.cmd(Command.XRANGE).arg(keys(id).log()).arg(RedisKeys.entryId(from)).arg("+")
                .arg("COUNT").arg(PAGE)).map(StreamEntries::ofRange);
    }

    /**
     * A page of turn records from entry {@code from}: with {@code wait-replicas}, only those the replicas were
     * confirmed to have, so that a follower starting after an append whose {@code WAIT} failed never hands its record
     * on (what it reads next comes from {@link RedisTurnFollow}, which reads up to the same mark).
     */
    private Uni<List<StreamEntries.Entry>> turnRange(ConversationId id, long from) {
        Uni<List<StreamEntries.Entry>> range = range(id, from);
        return appends.confirmedOnly() ? range.chain(entries -> StreamEntries.confirmed(writers, keys(id).state(),
                entries)) : range;
    }

    /** Every entry of the conversation, a page at a time. */
    private Uni<List<StreamEntries.Entry>> all(ConversationId id) {
        List<StreamEntries.Entry> all = new ArrayList<>();
        return Multi.createBy().repeating()
                .uni(() -> range(id, all.isEmpty() ? 1 : all.get(all.size() - 1).n() + 1).invoke(all::addAll))
                .whilst(page -> page.size() == PAGE)
                .collect().last().replaceWith(all);
    }

    /** The file format: each entry's line followed by {@code \n}. */
    private static byte[] bytes(List<StreamEntries.Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (StreamEntries.Entry entry : entries) {
            out.writeBytes(entry.line().getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        return out.toByteArray();
    }
}
