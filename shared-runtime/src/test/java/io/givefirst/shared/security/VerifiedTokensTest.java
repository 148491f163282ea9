package io.givefirst.shared.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Tokens signed with a real RSA key and checked by Spring Security's own decoder: a token's signature is checked
 * once a minute, and what a member would notice stays as it was — an expired token is refused (401), a forged one
 * always.
 */
class VerifiedTokensTest {
    private final RSAKey key = generated();
    private final RSAKey otherKey = generated();
    private Instant now = Instant.parse("2026-12-03T10:00:00Z");
    private long nanos = 1_000;
    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final VerifiedTokens tokens = tokens();

    @Test
    void aTokenIsVerifiedOnceAndAcceptedAgainWhileItIsValid() {
        String token = signed(key, "alice", now.plusSeconds(600));

        assertThat(tokens.decode(token).getSubject()).isEqualTo("alice");
        assertThat(tokens.decode(token).getSubject()).isEqualTo("alice");
        assertThat(tokens.decode(token).getSubject()).isEqualTo("alice");

        assertThat(signatureChecks).hasValue(1);
    }

    @Test
    void aKeptTokenIsRefusedOnceItHasExpired() {
        // expired 30 s ago: still within the validator's 60 s allowance for clock skew, so accepted and kept
        String token = signed(key, "alice", now.minusSeconds(30));
        tokens.decode(token);

        advance(Duration.ofSeconds(31)); // past the allowance, well within the minute the token is kept

        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThat(signatureChecks).as("refused by the kept token's rules, then checked afresh").hasValue(2);
    }

    @Test
    void aKeptTokenHasItsSignatureCheckedAgainAfterAMinute() {
        String token = signed(key, "alice", now.plusSeconds(600));
        tokens.decode(token);
        tokens.decode(token);

        advance(VerifiedTokens.KEPT.minusSeconds(1));
        tokens.decode(token);
        assertThat(signatureChecks).as("within the minute").hasValue(1);

        advance(Duration.ofSeconds(2));
        tokens.decode(token);
        assertThat(signatureChecks).as("the minute is up: checked again, even though the token is in use").hasValue(2);
    }

    @Test
    void aKeptTokenThatExpiredIsRefusedByTheResourceServerAs401NotAsAnError() {
        String token = signed(key, "alice", now.minusSeconds(30));
        JwtAuthenticationProvider resourceServer = new JwtAuthenticationProvider(tokens);
        assertThat(resourceServer.authenticate(new BearerTokenAuthenticationToken(token)).getName()).isEqualTo("alice");

        advance(Duration.ofSeconds(31));

        // InvalidBearerTokenException is what Spring Security answers with 401 and WWW-Authenticate: invalid_token
        assertThatThrownBy(() -> resourceServer.authenticate(new BearerTokenAuthenticationToken(token)))
                .isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("expired");
        assertThat(signatureChecks).hasValue(1);
    }

    @Test
    void aForgedTokenIsRefusedEveryTimeAndNeverKept() {
        String forged = signed(otherKey, "mallory", now.plusSeconds(600));

        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);

        assertThat(signatureChecks).hasValue(2);
    }

    @Test
    void aTokenForAnotherAudienceIsRefusedEveryTime() {
        String elsewhere = signed(key, "alice", now.plusSeconds(600), "another-app");

        assertThatThrownBy(() -> tokens.decode(elsewhere)).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> tokens.decode(elsewhere)).isInstanceOf(JwtValidationException.class);
        assertThat(signatureChecks).hasValue(2);
    }

    @Test
    void eachTokenIsVerifiedOnItsOwnAndAnswersForItsOwnMember() {
        String alice = signed(key, "alice", now.plusSeconds(600));
        String bob = signed(key, "bob", now.plusSeconds(600));

        assertThat(tokens.decode(alice).getSubject()).isEqualTo("alice");
        assertThat(tokens.decode(bob).getSubject()).isEqualTo("bob");
        assertThat(tokens.decode(alice).getSubject()).isEqualTo("alice");

        assertThat(signatureChecks).hasValue(2);
    }

    private VerifiedTokens tokens() {
        JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ofSeconds(60));
        expiry.setAllowEmptyExpiryClaim(false);
        expiry.setClock(new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        });
        OAuth2TokenValidator<Jwt> rules = new DelegatingOAuth2TokenValidator<>(expiry,
                new JwtAudienceValidator("givefirst-api"));
        NimbusJwtDecoder nimbus;
        try {
            nimbus = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        nimbus.setJwtValidator(rules);
        return new VerifiedTokens(token -> {
            signatureChecks.incrementAndGet();
            return nimbus.decode(token);
        }, rules, () -> nanos);
    }

    /** Moves the validators' clock and the cache's ticker together. */
    private void advance(Duration by) {
        now = now.plus(by);
        nanos += by.toNanos();
    }

    private String signed(RSAKey by, String subject, Instant expires) {
        return signed(by, subject, expires, "givefirst-api");
    }

    private String signed(RSAKey by, String subject, Instant expires, String audience) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), new JWTClaimsSet.Builder()
                    .subject(subject).audience(audience).issueTime(Date.from(expires.minusSeconds(300))).expirationTime(Date.from(expires))
                    .build());
            jwt.sign(new RSASSASigner(by));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generated() {
        try {
            return new RSAKeyGenerator(2048).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
