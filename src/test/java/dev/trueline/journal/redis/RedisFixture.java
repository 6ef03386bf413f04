package dev.trueline.journal.redis;

import java.util.ArrayList;
import java.util.List;

import dev.trueline.testing.RedisServer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * One real redis-server for a test class, the Vert.x Redis clients to it and the journals built on them, each journal
 * with a writers' client and a followers' client of its own, as one process of the application has. Closing it
 * closes them all and stops the server.
 */
final class RedisFixture implements AutoCloseable {

    RedisServer server;
    final Vertx vertx = Vertx.vertx();
    private final List<Redis> clients = new ArrayList<>();
    private final List<RedisJournal> journals = new ArrayList<>();

    RedisFixture() throws Exception {
        this.server = RedisServer.start();
    }

    /** A fixture whose server runs with {@code options} (say, {@code --appendonly yes}). */
    RedisFixture(List<String> options) throws Exception {
        this.server = RedisServer.start(options);
    }

    /** Kills the server ({@code kill -9}) and starts it again on its directory and port; clients reconnect. */
    void crashAndRestart() throws Exception {
        server.kill();
        server.restart();
    }

    /** A journal (a process) on this server with {@code config}, following {@code page} entries at a time. */
    RedisJournal journal(RedisJournalConfig config, int page) {
        return journal(config, page, server.uri());
    }

    /** A journal whose clients connect to {@code uri}. */
    RedisJournal journal(RedisJournalConfig config, int page, String uri) {
        RedisJournal journal = new RedisJournal(config, page, client(uri, 6), client(uri, 16));
        journals.add(journal);
        return journal;
    }

    /** A plain client, for a test to look at or change what a journal wrote. */
    Redis client() {
        return client(server.uri(), 2);
    }

    /** A plain client to another server (a replica), closed with the others. */
    Redis client(RedisServer other) {
        return client(other.uri(), 2);
    }

    private Redis client(String uri, int poolSize) {
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(uri)
                .setMaxPoolSize(poolSize).setMaxPoolWaiting(256));
        clients.add(client);
        return client;
    }

    @Override
    public void close() throws Exception {
        journals.forEach(RedisJournal::close);
        clients.forEach(Redis::close);
        vertx.closeAndAwait();
        server.close();
    }
}
