package io.givefirst.shared.security;

import java.net.URI;
import org.springframework.core.env.Environment;

/**
 * What a bearer token must show to be accepted, from the environment: the identity provider that issues it, where
 * its signing keys are published, the audience it must name and the claim that carries GiveFirst's roles. Each is
 * required; a missing or blank one stops start-up with a message naming it, instead of a service that rejects every
 * token (an empty issuer) or accepts tokens meant for another application (no audience).
 */
public record TokenSettings(String issuer, URI jwkSetUri, String audience, String rolesClaim) {
    public static final String ISSUER = "GIVEFIRST_JWT_ISSUER_URI";
    public static final String JWK_SET = "GIVEFIRST_JWT_JWK_SET_URI";
    public static final String AUDIENCE = "GIVEFIRST_JWT_AUDIENCE";
    public static final String ROLES_CLAIM = "GIVEFIRST_JWT_ROLES_CLAIM";
    /** The settings without which a service does not start. */
    public static final java.util.List<String> REQUIRED = java.util.List.of(ISSUER, JWK_SET, AUDIENCE);
    /** GiveFirst's own claim: another application's {@code roles} never grants anything here. */
    public static final String DEFAULT_ROLES_CLAIM = "givefirst_roles";

    public static TokenSettings from(Environment environment) {
        String rolesClaim = environment.getProperty(ROLES_CLAIM, DEFAULT_ROLES_CLAIM);
        return new TokenSettings(
                required(environment, ISSUER, "the 'iss' every accepted token must carry: your identity provider's"
                        + " issuer URI"),
                URI.create(required(environment, JWK_SET, "where the identity provider publishes its signing keys"
                        + " (a JWK set URI)")),
                required(environment, AUDIENCE, "the 'aud' a token must name to be accepted here: the audience your"
                        + " identity provider gives GiveFirst's tokens"),
                rolesClaim.isBlank() ? DEFAULT_ROLES_CLAIM : rolesClaim);
    }

    private static String required(Environment environment, String name, String what) {
        String value = environment.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: " + what + ". Without it no token can be checked,"
                    + " so the service does not start (README, Configuration).");
        }
        return value.trim();
    }
}
