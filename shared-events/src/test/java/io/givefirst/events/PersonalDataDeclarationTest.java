package io.givefirst.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.givefirst.events.meeting.MeetingFollowedUpEvent;
import io.givefirst.events.meeting.MeetingRecordedEvent;
import io.givefirst.events.wire.EventSchemas;
import io.givefirst.events.wire.EventTypes;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Which event fields are personal data is declared once, on the records ({@link PersonalData}); these tests keep a
 * new text field from reaching the stream undeclared.
 */
class PersonalDataDeclarationTest {
    /** Text that is not about a person: topic tags, matched across members (ADR 16). */
    private static final List<String> NOT_PERSONAL = List.of("tags");

    @Test
    void everyTextFieldIsPersonalDataUnlessItIsAnIdOrATopicTag() {
        List<String> undeclared = new ArrayList<>();
        for (Class<?> eventClass : EventTypes.all()) {
            for (RecordComponent component : eventClass.getRecordComponents()) {
                boolean text = component.getType() == String.class || component.getType() == List.class;
                boolean id = component.getName().endsWith("Id") || component.getName().endsWith("By");
                if (text && !id && !NOT_PERSONAL.contains(component.getName())
                        && !component.isAnnotationPresent(PersonalData.class)) {
                    undeclared.add(eventClass.getSimpleName() + "." + component.getName());
                }
            }
        }
        assertThat(undeclared).as("text fields not declared @PersonalData").isEmpty();
    }

    @Test
    void theSchemasPublishWhoseDataAFieldIsAndWhatIsPrivate() {
        JsonNode recorded = EventSchemas.published(EventTypes.typeOf(MeetingRecordedEvent.class)).orElseThrow()
                .path("properties");
        assertThat(recorded.path("context").path("x-personal-data").path("of").asString()).isEqualTo("recordedBy");
        assertThat(recorded.path("context").path("x-personal-data").has("onlyForThem")).isFalse();
        assertThat(recorded.path("privateNote").path("x-personal-data").path("onlyForThem").asBoolean()).isTrue();
        assertThat(recorded.path("otherMemberId").has("x-personal-data")).isFalse();
        JsonNode followUp = EventSchemas.published(EventTypes.typeOf(MeetingFollowedUpEvent.class)).orElseThrow()
                .path("properties");
        assertThat(followUp.path("privateNote").path("x-personal-data").path("of").asString()).isEqualTo("followedUpBy");
    }

    @Test
    void aFieldCalledPrivateIsReadableByItsAuthorAloneAndOnlySuchAField() {
        for (Class<?> eventClass : EventTypes.all()) {
            for (RecordComponent component : eventClass.getRecordComponents()) {
                PersonalData personal = component.getAnnotation(PersonalData.class);
                boolean onlyForThem = personal != null && personal.onlyForThem();
                assertThat(onlyForThem).as(eventClass.getSimpleName() + "." + component.getName())
                        .isEqualTo(component.getName().startsWith("private"));
            }
        }
    }
}
