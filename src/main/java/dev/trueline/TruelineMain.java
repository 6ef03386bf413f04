package dev.trueline;

import dev.trueline.journal.transfer.JournalCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts Trueline. Its one job beyond {@link Quarkus#run}: Quarkus answers a request whose URI
 * {@link java.net.URI} cannot parse ({@code /api/conversations/%zz}) with an empty 400 before any route runs, and
 * the only switch for that is the system property {@value #URI_VALIDATION}. Trueline turns Quarkus's check off and
 * makes the same check itself, first on the router, so that the refusal is problem+json like every other
 * ({@code dev.trueline.http.RequestHeadChecks}). An operator's own {@code -D} setting wins. Tests, which do not
 * start through this class, set the property in the build (surefire, failsafe and dev mode).
 * <p>
 * With a first argument {@code journal-export} or {@code journal-import} it runs that one-shot command instead of the
 * server ({@link JournalCommand}), with no HTTP listener ({@value #HTTP_ENABLED}) and the management interface on a
 * free port of 127.0.0.1, so that it runs beside a server on the same host; it exits with the command's status.
 */
@QuarkusMain
public final class TruelineMain {

    /** Read by Quarkus's HTTP root handler when its class initialises, so it must be set before Quarkus starts. */
    static final String URI_VALIDATION = "vertx.disableURIValidation";
    /** Off for a command: it serves nothing, and must not need, or take, the server's port. */
    static final String HTTP_ENABLED = "quarkus.http.host-enabled";

    public static void main(String... args) {
        byDefault(URI_VALIDATION, "true");
        if (args.length > 0 && JournalCommand.NAMES.contains(args[0])) {
            byDefault(HTTP_ENABLED, "false");
            // the management interface is fixed on at build time: out of the server's way (port 0: any free one)
            byDefault("quarkus.management.port", "0");
            byDefault("quarkus.management.host", "127.0.0.1");
            Quarkus.run(JournalCommand.class, args);
            return;
        }
        Quarkus.run(args);
    }

    /** Sets a system property unless the operator set it ({@code -D}). */
    private static void byDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
