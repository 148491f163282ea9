package io.givefirst.command.support;

import io.givefirst.events.privacy.Sealing;
import io.givefirst.events.wire.CloudEventHeaders;
import io.givefirst.events.wire.EventTypes;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A record's value as a consumer granted the members' keys reads it: its personal fields opened. */
public final class OpenedRecords {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OpenedRecords() {
    }

    public static String opened(Sealing sealing, ConsumerRecord<String, byte[]> record) {
        String type = new String(record.headers().lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8);
        ObjectNode value = (ObjectNode) JSON.readTree(record.value());
        return sealing.open(EventTypes.classOf(type).orElseThrow(), value).toString();
    }

    public static String raw(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }
}
