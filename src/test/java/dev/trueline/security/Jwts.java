package dev.trueline.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** The JWTs of {@link JwtAuthTest}: a valid one, and every way one can be wrong. */
final class Jwts {

    private Jwts() {
    }

    /** Claims the app accepts: its issuer and audience, a subject, valid for five minutes. */
    static JwtClaimsBuilder valid(String subject) {
        Instant now = Instant.now();
        return Jwt.issuer(JwtProfile.ISSUER).audience(JwtProfile.AUDIENCE).subject(subject).issuedAt(now)
                .expiresAt(now.plusSeconds(300));
    }

    static String sign(JwtClaimsBuilder claims) {
        return claims.jws().sign(TestKeys.privateKey());
    }

    static String sign(JwtClaimsBuilder claims, PrivateKey key) {
        return claims.jws().sign(key);
    }

    /** An unsigned JWT ({@code alg: none}) with valid claims. */
    static String unsigned(String subject) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claimsJson(subject)) + ".";
    }

    /**
     * The classic algorithm confusion: HS256 with the verifier's RSA public key as the HMAC secret, which a verifier
     * that takes the algorithm from the token would accept.
     */
    static String hs256WithPublicKeyAsSecret(String subject, byte[] secret) {
        String signingInput = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(claimsJson(subject));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String claimsJson(String subject) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + JwtProfile.ISSUER + "\",\"aud\":\"" + JwtProfile.AUDIENCE + "\",\"sub\":\"" + subject
                + "\",\"iat\":" + now + ",\"exp\":" + (now + 300) + "}";
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
