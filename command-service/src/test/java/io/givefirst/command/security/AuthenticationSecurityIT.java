package io.givefirst.command.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.model.Filters;
import com.nimbusds.jwt.JWTClaimsSet;
import io.givefirst.command.CommandServiceApplication;
import io.givefirst.command.support.ApiTestBase;
import io.givefirst.local.infra.DevTokenIssuer;
import io.givefirst.local.infra.HostileTokens;
import io.givefirst.shared.security.TokenSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * OWASP API Security Top 10 (2023): <b>API2 Broken Authentication</b> — only a token our identity provider signed
 * (RS256, a key of its JWK set) for this API (audience), with an expiry, is accepted, and a service missing one of
 * the settings that check it does not start; <b>API5 Broken Function Level Authorization</b> — admin rights come
 * from GiveFirst's own roles claim only.
 */
class AuthenticationSecurityIT extends ApiTestBase {
    private static final String JOIN = "{\"displayName\":\"Eve\"}";
    private final DevTokenIssuer issuer = stack.issuer;

    @Test
    void aTokenFailingAnyCheckIsRefusedAndWritesNothingWhileTheSameClaimsProperlySignedAreAccepted() {
        String eve = "eve-" + UUID.randomUUID();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("another application's audience", issuer.sign(issuer.claimsFor(eve).audience("crm-app")));
        refused.put("no audience", issuer.sign(issuer.claimsFor(eve).audience((String) null)));
        refused.put("another issuer", issuer.sign(issuer.claimsFor(eve).issuer("https://id.evil.example")));
        refused.put("expired", issuer.expiredTokenFor(eve));
        refused.put("no expiry", issuer.sign(issuer.claimsFor(eve).expirationTime(null)));
        refused.put("alg none", HostileTokens.unsigned(issuer.claimsFor(eve)));
        refused.put("HS256 keyed with the public key", HostileTokens.hmacWithPublicKey(issuer, issuer.claimsFor(eve)));
        refused.put("a key not in the JWK set", HostileTokens.signedByAnotherKey(issuer, issuer.claimsFor(eve)));

        refused.forEach((what, token) ->
                assertThat(http.post("/members", token, JOIN).statusCode()).as(what).isEqualTo(401));
        assertThat(storedEvents().countDocuments(Filters.eq("aggregateIdentifier", eve))).isZero();

        assertThat(http.post("/members", issuer.sign(issuer.claimsFor(eve)), JOIN).statusCode())
                .as("the same claims, properly signed").isEqualTo(201);
    }

    @Test
    void anotherApplicationsRolesClaimGrantsNoAdminRights() {
        JWTClaimsSet.Builder otherAppsAdmin = issuer.claimsFor("mallory").claim("roles", List.of("admin"));
        assertThat(http.get("/admin/relay/dead-letters", issuer.sign(otherAppsAdmin)).statusCode()).isEqualTo(403);
        assertThat(http.get("/admin/relay/dead-letters", token("mallory")).statusCode()).isEqualTo(403);
        assertThat(http.get("/admin/relay/dead-letters", stack.issuer.adminTokenFor("ops")).statusCode()).isEqualTo(200);
    }

    @Test
    void aServiceMissingASettingThatChecksTokensDoesNotStartAndSaysWhich() {
        for (String missing : List.of(TokenSettings.AUDIENCE, TokenSettings.ISSUER, TokenSettings.JWK_SET)) {
            List<String> properties = new ArrayList<>(List.of(CommandServiceApplication.CONFIG_NAME,
                    "server.port=0", "givefirst.mongodb.database=" + DATABASE));
            stack.serviceEnvironment().forEach((name, value) -> properties.add(name + "=" + value));
            properties.add(missing + "= ");
            assertThatThrownBy(() -> new SpringApplicationBuilder(CommandServiceApplication.class)
                    .properties(properties.toArray(String[]::new)).run().close())
                    .as(missing).hasStackTraceContaining(missing + " is not set");
        }
    }
}
