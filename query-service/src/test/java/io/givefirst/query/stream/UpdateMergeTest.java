package io.givefirst.query.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class UpdateMergeTest {

    private static BsonDocument update(String json) {
        return BsonDocument.parse(json);
    }

    @Test
    void theLaterSetWinsAndOtherFieldsAreKept() {
        BsonDocument target = update("{$set: {name: 'Bob', headline: 'Builds'}}");
        assertThat(UpdateMerge.into(target, update("{$set: {name: 'Bob B.', active: true}}"))).isTrue();
        assertThat(target).isEqualTo(update("{$set: {name: 'Bob B.', headline: 'Builds', active: true}}"));
    }

    @Test
    void setsAreUnited() {
        BsonDocument target = update("{$addToSet: {meetings: 'm1'}}");
        assertThat(UpdateMerge.into(target, update("{$addToSet: {meetings: {$each: ['m2', 'm1']}, helped: 'h1'}}"))).isTrue();
        assertThat(target).isEqualTo(update("{$addToSet: {meetings: {$each: ['m1', 'm2']}, helped: 'h1'}}"));
    }

    @Test
    void maxAndMinKeepTheExtremes() {
        BsonDocument target = update("{$max: {sequence: 3}, $min: {since: {$date: '2026-01-02T00:00:00Z'}}}");
        assertThat(UpdateMerge.into(target, update("{$max: {sequence: 2}, $min: {since: {$date: '2026-01-01T00:00:00Z'}}}"))).isTrue();
        assertThat(target).isEqualTo(update("{$max: {sequence: 3}, $min: {since: {$date: '2026-01-01T00:00:00Z'}}}"));
    }

    @Test
    void setOnInsertKeepsTheFirst() {
        BsonDocument target = update("{$setOnInsert: {joinedAt: 1}}");
        assertThat(UpdateMerge.into(target, update("{$setOnInsert: {joinedAt: 2}}"))).isTrue();
        assertThat(target).isEqualTo(update("{$setOnInsert: {joinedAt: 1}}"));
    }

    @Test
    void theSamePathUnderTwoOperatorsIsNotMerged() {
        BsonDocument target = update("{$set: {tags: ['a']}}");
        assertThat(UpdateMerge.into(target, update("{$addToSet: {tags: 'b'}}"))).isFalse();
        assertThat(target).isEqualTo(update("{$set: {tags: ['a']}}"));
    }

    @Test
    void aPathInsideAnotherIsNotMerged() {
        BsonDocument target = update("{$set: {versions: {}}}");
        assertThat(UpdateMerge.into(target, update("{$set: {'versions.3': {name: 'Bob'}}}"))).isFalse();
        assertThat(UpdateMerge.into(update("{$set: {'versions.3': 1}}"), update("{$set: {'versions.4': 1}}"))).isTrue();
    }

    @Test
    void otherOperatorsAreNotMergedAndNothingChanges() {
        BsonDocument target = update("{$set: {a: 1}}");
        assertThat(UpdateMerge.into(target, update("{$set: {b: 1}, $inc: {count: 1}}"))).isFalse();
        assertThat(target).isEqualTo(update("{$set: {a: 1}}"));
    }

    @Test
    void incomparableExtremesAreNotMerged() {
        assertThat(UpdateMerge.into(update("{$max: {v: 'b'}}"), update("{$max: {v: 'a'}}"))).isFalse();
    }
}
