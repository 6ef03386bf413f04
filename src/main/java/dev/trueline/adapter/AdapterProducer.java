package dev.trueline.adapter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.trueline.adapter.anthropic.AnthropicProtocol;
import dev.trueline.adapter.openai.OpenAiProtocol;
import dev.trueline.adapter.scripted.ScriptedAdapter;
import dev.trueline.adapter.upstream.UpstreamAdapter;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Picks the one {@link ChatAdapter} the application uses, by {@code trueline.adapter.kind}: the embedded scripted
 * model, or an {@link UpstreamAdapter} speaking the chosen provider's protocol. Only the chosen adapter is built,
 * and it is built at startup, so a wrong kind or base URL stops the application with a clear message instead of
 * failing the first turn.
 */
@ApplicationScoped
public class AdapterProducer {

    private static final Logger LOG = Logger.getLogger(AdapterProducer.class);

    @Produces
    @Singleton // one adapter, so one REST client per upstream
    ChatAdapter adapter(AdapterConfig config, Instance<ScriptedAdapter> scripted, ObjectMapper mapper, Vertx vertx) {
        switch (config.kind()) {
            case ScriptedAdapter.KIND:
                return scripted.get();
            case OpenAiProtocol.KIND:
                return new UpstreamAdapter<>(OpenAiProtocol.PROTOCOL, config.openai(), config, mapper, vertx);
            case AnthropicProtocol.KIND:
                return new UpstreamAdapter<>(AnthropicProtocol.PROTOCOL, config.anthropic(), config, mapper, vertx);
            default:
                throw new IllegalArgumentException("unknown trueline.adapter.kind '" + config.kind()
                        + "': use scripted, openai or anthropic (TRUELINE_ADAPTER_KIND)");
        }
    }

    void buildAtStartup(@Observes StartupEvent started, ChatAdapter adapter) {
        LOG.infof("turns are answered by the %s adapter, default model %s", adapter.kind(), adapter.defaultModel());
    }
}
