package dev.trueline.adapter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import dev.trueline.adapter.scripted.ScriptedAdapter;

/** Picks the one {@link ChatAdapter} the application uses, by {@code trueline.adapter.kind}. */
@ApplicationScoped
public class AdapterProducer {

    @Produces
    ChatAdapter adapter(AdapterConfig config, ScriptedAdapter scripted) {
        return switch (config.kind()) {
            case ScriptedAdapter.KIND -> scripted;
            default -> throw new IllegalArgumentException("unknown trueline.adapter.kind '" + config.kind()
                    + "': use scripted");
        };
    }
}
