package io.givefirst.shared.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The firewall's header rule, checked by a loop, accepts exactly what Spring Security's expression accepts. */
class HeaderRuleTest {
    private static final Pattern SPRING = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Test
    void everyCodePointIsJudgedAsTheExpressionJudgesIt() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String value = "Bearer x" + new String(Character.toChars(codePoint)) + "y";
            assertThat(ApiSecurity.assignedAndNotControl(value)).as("U+%04X", codePoint)
                    .isEqualTo(SPRING.matcher(value).matches());
        }
    }

    @Test
    void randomValuesAreJudgedAsTheExpressionJudgesThem() {
        Random random = new Random(5);
        for (int run = 0; run < 20_000; run++) {
            StringBuilder value = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                // mostly token characters, sometimes anything, including lone surrogates
                value.append(random.nextInt(4) > 0 ? (char) (0x21 + random.nextInt(0x5e)) : (char) random.nextInt(0x10000));
            }
            assertThat(ApiSecurity.assignedAndNotControl(value.toString())).as(value.toString())
                    .isEqualTo(SPRING.matcher(value).matches());
        }
        assertThat(ApiSecurity.assignedAndNotControl("Bearer abc\u0000")).isFalse();
        assertThat(ApiSecurity.assignedAndNotControl("Bearer ey.J-_~+/=")).isTrue();
    }
}
