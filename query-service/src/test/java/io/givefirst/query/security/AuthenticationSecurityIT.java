package io.givefirst.query.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.givefirst.local.infra.DevTokenIssuer;
import io.givefirst.local.infra.HostileTokens;
import io.givefirst.query.QueryApiTestBase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OWASP API Security Top 10 (2023) on the query API: <b>API2 Broken Authentication</b> — a member's data answers
 * only a token our identity provider signed for this API, with an expiry; <b>API5 Broken Function Level
 * Authorization</b> — admin rights come from GiveFirst's own roles claim only. (The command API's suite also
 * checks start-up without the settings.)
 */
class AuthenticationSecurityIT extends QueryApiTestBase {
    private final DevTokenIssuer issuer = stack.issuer;

    @Test
    void aTokenFailingAnyCheckIsRefusedWhileTheSameClaimsProperlySignedAreAccepted() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("another application's audience", issuer.sign(issuer.claimsFor("eve").audience("crm-app")));
        refused.put("another issuer", issuer.sign(issuer.claimsFor("eve").issuer("https://id.evil.example")));
        refused.put("expired", issuer.expiredTokenFor("eve"));
        refused.put("no expiry", issuer.sign(issuer.claimsFor("eve").expirationTime(null)));
        refused.put("alg none", HostileTokens.unsigned(issuer.claimsFor("eve")));
        refused.put("HS256 keyed with the public key", HostileTokens.hmacWithPublicKey(issuer, issuer.claimsFor("eve")));
        refused.put("a key not in the JWK set", HostileTokens.signedByAnotherKey(issuer, issuer.claimsFor("eve")));

        refused.forEach((what, token) ->
                assertThat(http.get("/members/eve/stats", token).statusCode()).as(what).isEqualTo(401));
        assertThat(http.get("/members/eve/stats", issuer.sign(issuer.claimsFor("eve"))).statusCode())
                .as("the same claims, properly signed").isNotEqualTo(401);
    }

    @Test
    void anotherApplicationsRolesClaimGrantsNoAdminRights() {
        String otherAppsAdmin = issuer.sign(issuer.claimsFor("mallory").claim("roles", List.of("admin")));
        assertThat(http.get("/admin/projections", otherAppsAdmin).statusCode()).isEqualTo(403);
        assertThat(http.get("/admin/projections", issuer.adminTokenFor("ops")).statusCode()).isEqualTo(200);
    }
}
