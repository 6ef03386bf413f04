package dev.trueline.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The configured token hashes of {@code token} mode, and the one question asked of them: whose token is this? The
 * presented token is hashed with SHA-256 and compared with every configured hash by {@link MessageDigest#isEqual}
 * (constant time for equal lengths, and all hashes are 32 bytes), always against all of them, so the time taken does
 * not say how close a guess was or which principal it matched.
 */
public final class StaticTokens {

    private static final Pattern HASH = Pattern.compile("sha256:[0-9A-Fa-f]{64}");

    private record Entry(String principal, byte[] hash) {
    }

    private final List<Entry> entries;

    private StaticTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Parses {@code trueline.auth.tokens.*}. A value that is not {@code sha256:} and 64 hex digits is refused with a
     * message that names its key but never quotes it: a value pasted by mistake may be the token itself.
     */
    public static StaticTokens parse(Map<String, String> configured) {
        List<Entry> entries = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        configured.forEach((principal, value) -> {
            String trimmed = value == null ? "" : value.strip();
            if (!HASH.matcher(trimmed).matches()) {
                bad.add("trueline.auth.tokens." + principal);
            } else {
                entries.add(new Entry(principal, HexFormat.of().parseHex(trimmed.substring("sha256:".length()))));
            }
        });
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("not of the form sha256:<64 hex digits> (make one with: printf %s "
                    + "\"$TOKEN\" | sha256sum): " + String.join(", ", bad));
        }
        return new StaticTokens(entries);
    }

    /** The principal whose hash matches {@code token}, after comparing with every configured hash. */
    public Optional<String> principalOf(String token) {
        byte[] presented = sha256(token);
        String found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(presented, entry.hash()) && found == null) {
                found = entry.principal();
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
