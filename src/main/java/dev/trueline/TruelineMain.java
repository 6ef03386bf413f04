package dev.trueline;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts Trueline. Its one job beyond {@link Quarkus#run}: Quarkus answers a request whose URI
 * {@link java.net.URI} cannot parse ({@code /api/conversations/%zz}) with an empty 400 before any route runs, and
 * the only switch for that is the system property {@value #URI_VALIDATION}. Trueline turns Quarkus's check off and
 * makes the same check itself, first on the router, so that the refusal is problem+json like every other
 * ({@code dev.trueline.http.RequestHeadChecks}). An operator's own {@code -D} setting wins. Tests, which do not
 * start through this class, set the property in the build (surefire, failsafe and dev mode).
 */
@QuarkusMain
public final class TruelineMain {

    /** Read by Quarkus's HTTP root handler when its class initialises, so it must be set before Quarkus starts. */
    static final String URI_VALIDATION = "vertx.disableURIValidation";

    public static void main(String... args) {
        if (System.getProperty(URI_VALIDATION) == null) {
            System.setProperty(URI_VALIDATION, "true");
        }
        Quarkus.run(args);
    }
}
