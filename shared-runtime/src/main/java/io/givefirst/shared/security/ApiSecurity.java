package io.givefirst.shared.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Both services' HTTP security, one home: every request carries a bearer JWT whose subject is the acting member —
 * RS256 by a key of the identity provider's JWK set, from the configured issuer, naming GiveFirst's audience, with
 * an expiry ({@link TokenSettings}). The {@code admin} role in GiveFirst's own roles claim unlocks {@code /admin/**}.
 * Health, metrics and the API description are open, and whatever a service adds in
 * {@code givefirst.security.open-paths}.
 */
@Configuration(proxyBeanMethods = false)
public class ApiSecurity {

    @Bean
    TokenSettings tokenSettings(Environment environment) {
        return TokenSettings.from(environment);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, TokenSettings tokens, CorsConfigurationSource corsOrigins,
                            @Value("${givefirst.security.open-paths:}") List<String> openPaths) throws Exception {
        List<String> open = new ArrayList<>(List.of("/actuator/health/**", "/actuator/prometheus", "/actuator/info",
                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error"));
        openPaths.stream().filter(path -> !path.isBlank()).forEach(open::add);
        http.cors(cors -> cors.configurationSource(corsOrigins))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(open.toArray(String[]::new)).permitAll()
                        .requestMatchers("/admin/**").hasRole("admin")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.jwtAuthenticationConverter(roles(tokens.rolesClaim()))));
        return http.build();
    }

    /**
     * Browsers on these origins may call the API ({@code GIVEFIRST_CORS_ORIGINS}: comma-separated origin patterns,
     * e.g. {@code https://portal.example.org} or {@code http://localhost:*}; none by default). Preflights are answered
     * before authentication; the headers a portal needs are allowed and exposed.
     */
    @Bean
    CorsConfigurationSource corsOrigins(@Value("${GIVEFIRST_CORS_ORIGINS:}") List<String> origins) {
        CorsConfiguration cors = new CorsConfiguration();
        origins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).forEach(cors::addAllowedOriginPattern);
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "If-None-Match"));
        cors.setExposedHeaders(List.of("ETag", "Location", "Retry-After", "Idempotent-Replayed"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    /**
     * Spring Security's decoder for the JWK set, RS256 only; issuer, audience and a present, unexpired expiry. A
     * verified token's signature is not checked again while it is kept ({@link VerifiedTokens}); its rules are.
     */
    @Bean
    JwtDecoder jwtDecoder(TokenSettings tokens) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(tokens.jwkSetUri().toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        JwtTimestampValidator expiry = new JwtTimestampValidator();
        expiry.setAllowEmptyExpiryClaim(false);
        OAuth2TokenValidator<Jwt> rules = new DelegatingOAuth2TokenValidator<>(expiry,
                new JwtIssuerValidator(tokens.issuer()), new JwtAudienceValidator(tokens.audience()));
        return VerifiedTokens.checking(decoder, rules);
    }

    /**
     * Spring Security's firewall, with its rule for header values (assigned characters, no control characters)
     * checked by a loop rather than its regular expression: the bearer token is checked on every read of the
     * header, and the expression took 13% of command-service's CPU at saturation (docs/benchmarks.md).
     */
    @Bean
    HttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(ApiSecurity::assignedAndNotControl);
        return firewall;
    }

    /** {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, StrictHttpFirewall's default for header values. */
    static boolean assignedAndNotControl(String value) {
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            if (codePoint < 0x20 || codePoint > 0x7e) { // printable ASCII is always allowed
                int type = Character.getType(codePoint);
                if (type == Character.UNASSIGNED || type == Character.CONTROL) {
                    return false;
                }
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    private static JwtAuthenticationConverter roles(String claim) {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(claim);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }
}
