package io.givefirst.shared.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * A bearer token's signature is checked once a minute, not on every request: a token that the identity provider's
 * keys verified is kept (Caffeine) for {@link #KEPT} from its check, and each use of the very same token meanwhile
 * runs only the claim rules again — expiry and not-before, issuer, audience — so an expired token is refused exactly
 * as before. A token that fails is never kept. The RSA check took 15% of command-service's CPU at saturation
 * (docs/benchmarks.md); Spring Security caches the keys, not the verified tokens.
 *
 * <p>The price: a signing key the identity provider withdraws keeps its tokens accepted for up to {@link #KEPT}
 * longer than without this (ADR 17); a JWK set endpoint that is down fails requests only once their tokens' minute
 * is up.
 */
public final class VerifiedTokens implements JwtDecoder {
    /** How long a verified token is trusted without checking its signature again. */
    static final Duration KEPT = Duration.ofMinutes(1);
    /** Distinct tokens kept at once (a few KiB each): the members active within {@link #KEPT}, per instance. */
    static final int MOST = 4_096;

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> rules;
    private final Cache<String, Jwt> verified;

    /** Spring Security's decoder checking {@code rules}, with its verified tokens kept. */
    public static VerifiedTokens checking(NimbusJwtDecoder decoder, OAuth2TokenValidator<Jwt> rules) {
        decoder.setJwtValidator(rules); // one set of rules for the first check and for every later use
        return new VerifiedTokens(decoder, rules, Ticker.systemTicker());
    }

    /**
     * @param verifier checks the signature and then {@code rules}
     * @param rules    the claim rules, run again on every later use of a kept token
     * @param ticker   the time that ends a token's {@link #KEPT}
     */
    VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> rules, Ticker ticker) {
        this.verifier = verifier;
        this.rules = rules;
        this.verified = Caffeine.newBuilder().maximumSize(MOST).expireAfterWrite(KEPT).ticker(ticker).build();
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
            OAuth2Error first = result.getErrors().iterator().next();
            // the words Spring Security's decoder uses for the same refusal (they reach WWW-Authenticate)
            throw new JwtValidationException("An error occurred while attempting to decode the Jwt: "
                    + (first.getDescription() == null ? first.getErrorCode() : first.getDescription()),
                    result.getErrors());
        }
        return kept;
    }
}
