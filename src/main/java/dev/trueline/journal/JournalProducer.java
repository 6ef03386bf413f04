package dev.trueline.journal;

import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import dev.trueline.journal.file.FileJournalHealth;
import dev.trueline.journal.file.JsonlJournal;
import dev.trueline.journal.noop.NoopJournal;
import dev.trueline.journal.redis.RedisJournal;
import dev.trueline.journal.redis.RedisJournalConfig;
import dev.trueline.journal.redis.RedisJournalHealth;
import dev.trueline.journal.redis.RedisSettings;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;

/**
 * Picks the one {@link Journal}, and its {@link JournalHealth}, by {@code trueline.journal.backend}: the only place
 * that knows which backend runs. Only the chosen backend is built, and it is built at startup: the file journal
 * checks every file's tail before the first turn (I4), and the no-op journal refuses to start outside the
 * {@code bench} profile with a message that says so, instead of a production instance quietly keeping nothing; the
 * Redis journal refuses to start without the Redis hosts to journal to.
 */
@ApplicationScoped
public class JournalProducer {

    private static final Logger LOG = Logger.getLogger(JournalProducer.class);
    private static final String WRITERS_HOSTS = "quarkus.redis.hosts";
    private static final String FOLLOWERS_HOSTS = "quarkus.redis.trueline-follow.hosts";

    @Produces
    @Singleton
    Journal journal(JournalConfig config, RedisJournalConfig redisConfig, Instance<JsonlJournal> file,
            Instance<RedisJournal> redis) {
        return switch (config.backend()) {
            case FILE -> file.get();
            case NOOP -> NoopJournal.inProfiles(activeProfiles(), config.followerBuffer());
            case REDIS -> {
                requireRedisHosts(ConfigProvider.getConfig());
                RedisSettings.check(redisConfig); // RedisJournal itself is built on its first call, too late to refuse
                yield redis.get();
            }
        };
    }

    @Produces
    @Singleton
    JournalHealth health(JournalConfig config, Instance<FileJournalHealth> file,
            Instance<RedisJournalHealth> redis) {
        return switch (config.backend()) {
            case FILE -> file.get();
            case NOOP -> NoopJournal.HEALTH;
            case REDIS -> redis.get();
        };
    }

    void buildAtStartup(@Observes StartupEvent started, JournalConfig config, Journal journal,
            Instance<JsonlJournal> file) {
        if (config.backend() == JournalBackend.FILE) {
            file.get().repairTailsAtStartup();
        }
        LOG.infof("conversations are journaled by the %s backend", config.backend().name().toLowerCase());
    }

    /**
     * Without hosts Quarkus deactivates the Redis clients and every call would fail: better not to start at all, and
     * say which keys are missing. An unreachable Redis, on the other hand, is no reason to refuse to start: readiness
     * is DOWN until it answers ({@link RedisJournalHealth}).
     */
    static void requireRedisHosts(Config config) {
        List<String> missing = Stream.of(WRITERS_HOSTS, FOLLOWERS_HOSTS)
                .filter(key -> config.getOptionalValue(key, String.class).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("trueline.journal.backend=redis needs the Redis server to journal to, but "
                    + String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are") + " not set. Set " + WRITERS_HOSTS
                    + " (QUARKUS_REDIS_HOSTS) and "
                    + FOLLOWERS_HOSTS + " (QUARKUS_REDIS_TRUELINE_FOLLOW_HOSTS) to the same redis://host:port "
                    + "(docs/redis.md), or unset trueline.journal.backend to journal to files.");
        }
    }

    private static List<String> activeProfiles() {
        return ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getProfiles();
    }
}
