package dev.trueline.adapter.openai;

import dev.trueline.adapter.upstream.UpstreamProfile;

/** Trueline answering with the {@code openai} adapter against a {@code FakeUpstream}. */
public class OpenAiProfile extends UpstreamProfile {

    static final Provider PROVIDER = new Provider(OpenAiProtocol.KIND, "sk-proj-TRUELINEtestKEY0123456789abcdefXYZ",
            "fake-gpt");

    public OpenAiProfile() {
        super(PROVIDER);
    }
}
