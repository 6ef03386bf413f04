package dev.trueline.journal.redis;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.trueline.testing.RedisServer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * One real redis-server for a test class, the Vert.x Redis clients to it and the journals built on them, each journal
 * with a writers' client and a followers' client of its own, as one process of the application has. Closing it
 * closes them all and stops the server. As a JUnit extension ({@link #perClass}) it does both around a test class.
 */
final class RedisFixture implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    RedisServer server;
    Vertx vertx = Vertx.vertx();
    private final List<Redis> clients = new ArrayList<>();
    private final List<RedisJournal> journals = new ArrayList<>();
    private Redis plain;

    RedisFixture() throws Exception {
        this(RedisServer.start());
    }

    /** A fixture whose server runs with {@code options} (say, {@code --appendonly yes}). */
    RedisFixture(List<String> options) throws Exception {
        this(RedisServer.start(options));
    }

    private RedisFixture(RedisServer server) {
        this.server = server;
    }

    /**
     * A fixture for a test class's {@code @RegisterExtension static} field: its server starts before the class's
     * first test and everything stops after its last.
     */
    static RedisFixture perClass() {
        return new RedisFixture((RedisServer) null);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (server != null) { // a subclass's run of a superclass's field: what the last class closed starts afresh
            vertx = Vertx.vertx();
            clients.clear();
            journals.clear();
            plain = null;
        }
        server = RedisServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    /** The fixture's one plain client (made on first use), for a test to look at or change what a journal wrote. */
    synchronized Redis plain() {
        if (plain == null) {
            plain = client();
        }
        return plain;
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
        if (server != null) {
            server.close();
        }
    }
}
