package dev.trueline.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.trueline.testing.Sha256;

/** The token hashes of {@code token} mode, parsed and asked, on their own. */
class StaticTokensTest {

    @Test
    void aTokenIsItsPrincipalsWhenItsHashMatches() {
        StaticTokens tokens = StaticTokens.parse(Map.of("alice", "sha256:" + Sha256.hex("a-token"),
                "bob", "sha256:" + Sha256.hex("b-token").toUpperCase()));
        assertEquals(Optional.of("alice"), tokens.principalOf("a-token"));
        assertEquals(Optional.of("bob"), tokens.principalOf("b-token"));
        assertEquals(Optional.empty(), tokens.principalOf("a-token "));
        assertEquals(Optional.empty(), tokens.principalOf(""));
        assertEquals(Optional.empty(), tokens.principalOf(Sha256.hex("a-token")), "the hash is not the token");
    }

    @Test
    void theSameTokenForTwoPrincipalsIsTheFirstConfigured() {
        Map<String, String> both = new LinkedHashMap<>();
        both.put("first", "sha256:" + Sha256.hex("shared"));
        both.put("second", "sha256:" + Sha256.hex("shared"));
        assertEquals(Optional.of("first"), StaticTokens.parse(both).principalOf("shared"));
    }

    @Test
    void aValueThatIsNotAHashIsRefusedWithoutBeingQuoted() {
        for (String value : new String[] { "tl-pasted-the-token-itself", "sha256:abc", "sha1:" + "a".repeat(40),
                "sha256:" + "g".repeat(64), "" }) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> StaticTokens.parse(Map.of("carol", value)));
            assertTrue(refused.getMessage().contains("trueline.auth.tokens.carol"), refused.getMessage());
            assertFalse(!value.isEmpty() && refused.getMessage().contains(value), "quoted: " + refused.getMessage());
        }
    }

    @Test
    void noHashesAreEmpty() {
        assertTrue(StaticTokens.parse(Map.of()).isEmpty());
    }
}
