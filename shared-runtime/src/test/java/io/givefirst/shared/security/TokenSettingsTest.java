package io.givefirst.shared.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class TokenSettingsTest {
    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        return environment;
    }

    private static Map<String, Object> complete() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(TokenSettings.ISSUER, "https://id.example.org");
        settings.put(TokenSettings.JWK_SET, "https://id.example.org/.well-known/jwks.json");
        settings.put(TokenSettings.AUDIENCE, "givefirst-api");
        return settings;
    }

    @Test
    void everySettingIsReadAndGiveFirstsOwnRolesClaimIsTheDefault() {
        TokenSettings settings = TokenSettings.from(environment(complete()));
        assertThat(settings.issuer()).isEqualTo("https://id.example.org");
        assertThat(settings.audience()).isEqualTo("givefirst-api");
        assertThat(settings.rolesClaim()).isEqualTo("givefirst_roles");
    }

    @Test
    void aMissingOrBlankSettingIsNamed() {
        for (String name : new String[] {TokenSettings.ISSUER, TokenSettings.JWK_SET, TokenSettings.AUDIENCE}) {
            Map<String, Object> missing = complete();
            missing.remove(name);
            assertThatThrownBy(() -> TokenSettings.from(environment(missing))).hasMessageStartingWith(name + " is not set");
            Map<String, Object> blank = complete();
            blank.put(name, "  ");
            assertThatThrownBy(() -> TokenSettings.from(environment(blank))).hasMessageStartingWith(name + " is not set");
        }
    }
}
