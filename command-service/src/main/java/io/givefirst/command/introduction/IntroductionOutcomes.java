package io.givefirst.command.introduction;

import io.givefirst.command.introduction.IntroductionCommands.NoteIntroducedMeetingCommand;
import io.givefirst.events.meeting.MeetingRecordedEvent;
import io.givefirst.events.wire.CloudEventHeaders;
import io.givefirst.events.wire.EventCodec;
import io.givefirst.events.wire.EventTypes;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * When two introduced members record a meeting that references their introduction, tells the introduction — it
 * decides whether that makes it fruitful. It reads the topic (consumer group {@value #GROUP}), as every consumer of
 * the platform's events does: the meeting is acknowledged at once, the introduction follows moments later, and it
 * sees every meeting the relay publishes, whatever instance stored it (ADR 12). Telling an introduction twice
 * changes nothing.
 */
@Component
public class IntroductionOutcomes {
    static final String GROUP = "introduction-outcomes";
    private static final Logger log = LoggerFactory.getLogger(IntroductionOutcomes.class);
    private final EventCodec codec = new EventCodec();
    private final CommandGateway commands;

    IntroductionOutcomes(CommandGateway commands) {
        this.commands = commands;
    }

    @KafkaListener(id = GROUP, groupId = GROUP, topics = "${givefirst.relay.topic}")
    void on(ConsumerRecord<String, byte[]> record) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        byte[] type = headers.get(CloudEventHeaders.TYPE);
        if (type == null || !EventTypes.classOf(new String(type, StandardCharsets.UTF_8))
                .filter(MeetingRecordedEvent.class::equals).isPresent()) {
            return; // only meetings matter here: the others are not even parsed
        }
        codec.decode(headers, record.value()).ifPresent(envelope -> {
            if (envelope.payload() instanceof MeetingRecordedEvent event && event.introductionId() != null) {
                try {
                    commands.sendAndWait(new NoteIntroducedMeetingCommand(event.introductionId(), event.meetingId(),
                            event.recordedBy(), event.otherMemberId(), event.occurredAt()));
                } catch (AggregateNotFoundException e) {
                    log.warn("meeting {} names introduction {}, which does not exist", event.meetingId(),
                            event.introductionId());
                }
            }
        });
    }
}
