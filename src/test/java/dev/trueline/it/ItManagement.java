package dev.trueline.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the packaged app under test its management interface (health, metrics, OpenAPI: a port of its own in the
 * prod profile) on a free port, instead of the fixed 9000 that two builds on one machine would both take, and
 * injects where it is into a test's {@link Root} field.
 */
public class ItManagement implements QuarkusTestResourceLifecycleManager {

    /** The management interface's root URI, injected into a field of this type. */
    public record Root(URI uri) {

        /** {@code path} (such as {@code /q/metrics}) on the management interface. */
        public String at(String path) {
            return uri.resolve(path).toString();
        }
    }

    private int port;

    @Override
    public Map<String, String> start() {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("quarkus.management.port", Integer.toString(port));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(new Root(URI.create("http://localhost:" + port + "/")),
                new TestInjector.MatchesType(Root.class));
    }

    @Override
    public void stop() {
        // nothing to release: the port was only chosen
    }
}
