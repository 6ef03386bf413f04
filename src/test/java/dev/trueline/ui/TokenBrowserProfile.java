package dev.trueline.ui;

import java.util.HashMap;
import java.util.Map;

import dev.trueline.testing.Sha256;

/**
 * The browser tests' settings ({@link BrowserProfile}) in {@code token} mode, with one principal whose token the
 * test types into the page's sign-in form.
 */
public class TokenBrowserProfile extends BrowserProfile {

    static final String TOKEN = "tl-page-test-5d1c9a7e3b2f4e6a8c0d1e2f3a4b5c6d";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("trueline.auth.mode", "token");
        config.put("trueline.auth.tokens.pat", "sha256:" + Sha256.hex(TOKEN));
        config.put("trueline.journal.dir", "target/journal-browser-token-test");
        return config;
    }
}
