package io.givefirst.query.stream;

/** Where a record is on the topic: its partition and offset. */
public record StreamPosition(int partition, long offset) {
}
