package dev.trueline.adapter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import dev.trueline.adapter.anthropic.AnthropicAdapter;
import dev.trueline.adapter.openai.OpenAiAdapter;
import dev.trueline.adapter.scripted.ScriptedAdapter;
import io.quarkus.runtime.StartupEvent;

/**
 * Picks the one {@link ChatAdapter} the application uses, by {@code trueline.adapter.kind}. Only the chosen adapter
 * is built, and it is built at startup, so a wrong kind or base URL stops the application with a clear message
 * instead of failing the first turn.
 */
@ApplicationScoped
public class AdapterProducer {

    private static final Logger LOG = Logger.getLogger(AdapterProducer.class);

    @Produces // dependent: hands out the chosen adapter's own (application-scoped) bean
    ChatAdapter adapter(AdapterConfig config, Instance<ScriptedAdapter> scripted, Instance<OpenAiAdapter> openai,
            Instance<AnthropicAdapter> anthropic) {
        switch (config.kind()) {
            case ScriptedAdapter.KIND:
                return scripted.get();
            case OpenAiAdapter.KIND:
                return openai.get();
            case AnthropicAdapter.KIND:
                return anthropic.get();
            default:
                throw new IllegalArgumentException("unknown trueline.adapter.kind '" + config.kind()
                        + "': use scripted, openai or anthropic (TRUELINE_ADAPTER_KIND)");
        }
    }

    void buildAtStartup(@Observes StartupEvent started, ChatAdapter adapter) {
        LOG.infof("turns are answered by the %s adapter, default model %s", adapter.kind(), adapter.defaultModel());
    }
}
