package dev.trueline.adapter.anthropic;

import dev.trueline.adapter.upstream.UpstreamProfile;

/** Trueline answering with the {@code anthropic} adapter against a {@code FakeUpstream}. */
public class AnthropicProfile extends UpstreamProfile {

    static final Provider PROVIDER = new Provider(AnthropicProtocol.KIND,
            "sk-ant-api03-TRUELINEtestKEY9876543210zyxwQ-AA", "fake-claude");

    public AnthropicProfile() {
        super(PROVIDER);
    }
}
