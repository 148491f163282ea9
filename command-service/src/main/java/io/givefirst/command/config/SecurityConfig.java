package io.givefirst.command.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Every request carries a bearer JWT whose subject is the acting member; the {@code roles} claim's
 * {@code admin} unlocks {@code /admin/**}. Health, metrics and the API description are open.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/prometheus", "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers("/admin/**").hasRole("admin")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFromClaim())));
        return http.build();
    }

    /**
     * Spring Security's firewall, with its rule for header values (assigned characters, no control characters)
     * checked by a loop rather than its regular expression: the bearer token is checked on every read of the
     * header, and the expression took 13% of command-service's CPU at saturation (docs/benchmarks.md).
     */
    @Bean
    HttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(SecurityConfig::assignedAndNotControl);
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

    private static JwtAuthenticationConverter rolesFromClaim() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }
}
