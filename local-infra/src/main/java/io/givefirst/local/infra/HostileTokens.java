package io.givefirst.local.infra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Tokens an attacker can make without the issuer's private key, for tests that the services refuse them: each
 * carries whatever claims the test gives it (a valid member's, say), so only the forgery is to blame.
 */
public final class HostileTokens {
    private HostileTokens() {
    }

    /** {@code alg: none}: the claims, unsigned. */
    public static String unsigned(JWTClaimsSet.Builder claims) {
        return new PlainJWT(claims.build()).serialize();
    }

    /** HS256 with the issuer's public key as the shared secret (the algorithm-confusion attack). */
    public static String hmacWithPublicKey(DevTokenIssuer issuer, JWTClaimsSet.Builder claims) {
        try {
            RSAKey publicKey = issuer.publicKey();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(publicKey.getKeyID()).build(),
                    claims.build());
            jwt.sign(new MACSigner(publicKey.toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RS256 by a key of the attacker's own, labelled with the issuer's key id: a key not in the JWK set. */
    public static String signedByAnotherKey(DevTokenIssuer issuer, JWTClaimsSet.Builder claims) {
        try {
            RSAKey own = new RSAKeyGenerator(2048).keyID(issuer.publicKey().getKeyID()).generate();
            return DevTokenIssuer.signWith(own, claims.build());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
