package dev.trueline.journal.file;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.quarkus.arc.DefaultBean;

/** The real fsync, unless a test selects an alternative {@link Fsync} bean. */
@ApplicationScoped
public class FsyncProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Fsync fsync() {
        return Fsync.FORCE;
    }
}
