package dev.trueline.journal;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import dev.trueline.journal.file.FileJournalHealth;
import dev.trueline.journal.file.JsonlJournal;
import dev.trueline.journal.noop.NoopJournal;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;

/**
 * Picks the one {@link Journal}, and its {@link JournalHealth}, by {@code trueline.journal.backend}: the only place
 * that knows which backend runs. Only the chosen backend is built, and it is built at startup: the file journal
 * checks every file's tail before the first turn (I4), and the no-op journal refuses to start outside the
 * {@code bench} profile with a message that says so, instead of a production instance quietly keeping nothing.
 */
@ApplicationScoped
public class JournalProducer {

    private static final Logger LOG = Logger.getLogger(JournalProducer.class);

    @Produces
    @Singleton
    Journal journal(JournalConfig config, Instance<JsonlJournal> file) {
        return switch (config.backend()) {
            case FILE -> file.get();
            case NOOP -> NoopJournal.inProfiles(activeProfiles(), config.followerBuffer());
        };
    }

    @Produces
    @Singleton
    JournalHealth health(JournalConfig config, Instance<FileJournalHealth> file) {
        return switch (config.backend()) {
            case FILE -> file.get();
            case NOOP -> NoopJournal.HEALTH;
        };
    }

    void buildAtStartup(@Observes StartupEvent started, JournalConfig config, Journal journal,
            Instance<JsonlJournal> file) {
        if (config.backend() == JournalBackend.FILE) {
            file.get().repairTailsAtStartup();
        }
        LOG.infof("conversations are journaled by the %s backend", config.backend().name().toLowerCase());
    }

    private static List<String> activeProfiles() {
        return ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getProfiles();
    }
}
