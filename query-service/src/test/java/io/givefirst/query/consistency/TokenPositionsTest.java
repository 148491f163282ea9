package io.givefirst.query.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** How a Consistency-Token (aggregates, sequences) becomes the topic offsets a read model must have passed. */
class TokenPositionsTest {

    private static Document position(String aggregate, int partition, long sequence, long offset) {
        return new Document("_id", aggregate).append("partition", partition).append("sequence", sequence)
                .append("offset", offset);
    }

    @Test
    void anAggregateTheStreamPositionsHaveNotSeenYetIsNotReached() {
        assertThat(ReadYourWrites.offsetsOf(Map.of("help-1", 0L), List.of())).isEmpty();
    }

    @Test
    void anAggregateSeenOnlyUpToAnEarlierSequenceIsNotReached() {
        assertThat(ReadYourWrites.offsetsOf(Map.of("help-1", 2L), List.of(position("help-1", 0, 1, 40)))).isEmpty();
    }

    @Test
    void eachPartitionNeedsTheHighestOffsetOfItsAggregates() {
        var needed = ReadYourWrites.offsetsOf(Map.of("help-1", 1L, "help-2", 0L, "member-ann", 4L), List.of(
                position("help-1", 0, 3, 40), position("help-2", 0, 0, 12), position("member-ann", 2, 4, 7)));
        assertThat(needed).contains(Map.of(0, 40L, 2, 7L));
    }

    @Test
    void aReadModelCoversTheTokenOnlyWhenEveryPartitionsWatermarkHasPassedIt() {
        Map<Integer, Long> needed = Map.of(0, 40L, 2, 7L);
        assertThat(ReadYourWrites.covers(Map.of(0, 40L, 1, 3L, 2, 9L), needed)).isTrue();
        assertThat(ReadYourWrites.covers(Map.of(0, 39L, 2, 9L), needed)).as("one partition behind").isFalse();
        assertThat(ReadYourWrites.covers(Map.of(0, 41L), needed)).as("a partition not yet passed at all").isFalse();
        assertThat(ReadYourWrites.covers(Map.of(), Map.of())).as("a token of nothing").isTrue();
    }
}
