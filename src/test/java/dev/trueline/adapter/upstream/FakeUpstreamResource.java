package dev.trueline.adapter.upstream;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link FakeUpstream} before Quarkus and points both real adapters at it; test fields of type
 * {@link FakeUpstream} get the running server.
 */
public class FakeUpstreamResource implements QuarkusTestResourceLifecycleManager {

    private FakeUpstream upstream;

    @Override
    public Map<String, String> start() {
        upstream = new FakeUpstream();
        upstream.start();
        String root = "http://localhost:" + upstream.port();
        return Map.of(
                "trueline.adapter.openai.base-url", root + "/v1",
                "trueline.adapter.anthropic.base-url", root);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(upstream, new TestInjector.MatchesType(FakeUpstream.class));
    }

    @Override
    public void stop() {
        if (upstream != null) {
            upstream.close();
        }
    }
}
