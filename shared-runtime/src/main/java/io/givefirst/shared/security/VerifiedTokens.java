package io.givefirst.shared.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A bearer token's signature is checked once, not on every request: a token that the identity provider's keys
 * verified is kept (Caffeine) for {@link #KEPT}, and each later use of the very same token only runs the claim
 * rules again — above all its expiry — so an expired token is refused exactly as before. A token that fails is
 * never kept. The RSA check took 15% of command-service's CPU at saturation (docs/benchmarks.md); Spring Security
 * caches the keys, not the verified tokens.
 *
 * <p>{@link #KEPT} matches how long the JWK set is kept already (Spring Security builds its key source with Nimbus's
 * {@code JWKSourceBuilder} cache, 5 minutes): a key the identity provider withdraws is honoured that long anyway,
 * so keeping a token it signed adds no new window.
 */
public final class VerifiedTokens implements JwtDecoder {
    /** How long a verified token is kept: as long as the key source keeps the keys. */
    static final Duration KEPT = Duration.ofMinutes(5);
    /** Distinct tokens kept at once (a few KiB each): the members active within {@link #KEPT}, per instance. */
    static final int MOST = 4_096;

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> rules;
    private final Cache<String, Jwt> verified;

    /**
     * @param verifier checks the signature and the rules (Spring Security's {@code NimbusJwtDecoder})
     * @param rules    the claim rules the verifier applies, run again on every later use of a kept token
     */
    public VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> rules) {
        this.verifier = verifier;
        this.rules = rules;
        this.verified = Caffeine.newBuilder().maximumSize(MOST).expireAfterWrite(KEPT).build();
    }

    @Override
    public Jwt decode(String token) {
        Jwt kept = verified.getIfPresent(token);
        if (kept == null) {
            Jwt jwt = verifier.decode(token); // throws for a bad signature or a broken rule: nothing is kept
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = rules.validate(kept);
        if (result.hasErrors()) {
            verified.invalidate(token);
            throw new JwtValidationException("the token is no longer valid: "
                    + result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return kept;
    }
}
