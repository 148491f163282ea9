package io.givefirst.shared.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsistencyTokenTest {

    @Test
    void a_token_reads_back_as_the_positions_it_was_written_with() {
        ConsistencyToken written = new ConsistencyToken(Map.of("help-1", 3L, "member:ä/~.x", 0L));

        assertThat(ConsistencyToken.parse(written.encode())).isEqualTo(written);
        assertThat(written.encode()).matches("[A-Za-z0-9_~.-]+");
    }

    @Test
    void anything_else_is_refused_naming_the_header() {
        for (String hostile : new String[] {"", "v2~aGVscA.1", "v1", "v1~aGVscA.-1", "v1~aGVscA.x", "v1~.1",
                "v1~***.1", "v1~aGVscA", "v1~" + "aGVscA.1~".repeat(17), "v1~" + "a".repeat(5000) + ".1"}) {
            assertThatThrownBy(() -> ConsistencyToken.parse(hostile))
                    .as(hostile)
                    .isInstanceOf(ConsistencyToken.InvalidToken.class)
                    .hasMessageStartingWith("Consistency-Token ");
        }
    }

    @Test
    void the_same_aggregate_twice_keeps_the_later_position() {
        assertThat(ConsistencyToken.parse("v1~aGVscA.1~aGVscA.4").positions()).isEqualTo(Map.of("help", 4L));
    }
}
