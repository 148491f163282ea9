package io.givefirst.command.meeting;

import static io.givefirst.command.support.Lookups.violating;

import io.givefirst.command.meeting.MeetingCommands.ConfirmMeetingCommand;
import io.givefirst.command.meeting.MeetingCommands.FollowUpMeetingCommand;
import io.givefirst.command.meeting.MeetingCommands.RecordMeetingCommand;
import io.givefirst.command.support.IntroductionsInMemory;
import io.givefirst.command.support.Lookups;
import io.givefirst.command.support.MembersInMemory;
import io.givefirst.events.introduction.IntroductionMadeEvent;
import io.givefirst.events.introduction.IntroductionOpenedEvent;
import io.givefirst.events.meeting.MeetingConfirmedEvent;
import io.givefirst.events.meeting.MeetingFollowedUpEvent;
import io.givefirst.events.meeting.MeetingRecordedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MeetingTest {
    private static final Instant MET = Instant.parse("2026-11-20T18:30:00Z");
    private static final Instant LATER = MET.plusSeconds(86_400);
    private static final MeetingRecordedEvent RECORDED =
            new MeetingRecordedEvent("m1", "alice", "bob", "Founders breakfast", "Likes batteries", null, MET);
    private MembersInMemory members;
    private IntroductionsInMemory introductions;
    private AggregateTestFixture<Meeting> fixture;

    @BeforeEach
    void setUp() {
        members = Lookups.membersWhoJoined("alice", "bob", "carol", "dave");
        introductions = Lookups.introductions();
        fixture = new AggregateTestFixture<>(Meeting.class);
        fixture.registerInjectableResource(members);
        fixture.registerInjectableResource(introductions);
    }

    private void introduced(String id, String first, String second, boolean open) {
        introductions.on(new IntroductionMadeEvent(id, "carol", first, second, "should talk", MET), 0);
        if (open) {
            introductions.on(new IntroductionOpenedEvent(id, "carol", first, second, MET), 3);
        }
    }

    @Test
    void aMemberRecordsAMeetingWithAnother() {
        fixture.givenNoPriorActivity()
                .when(new RecordMeetingCommand("m1", "alice", "bob", "Founders breakfast", "Likes batteries", null, MET))
                .expectEvents(RECORDED);
    }

    @Test
    void rejectsMeetingOneself() {
        fixture.givenNoPriorActivity().when(new RecordMeetingCommand("m1", "alice", "alice", "", "", null, MET))
                .expectException(violating("meeting-with-oneself")).expectNoEvents();
    }

    @Test
    void bothParticipantsMustBeActiveMembers() {
        fixture.givenNoPriorActivity().when(new RecordMeetingCommand("m1", "mallory", "bob", "", "", null, MET))
                .expectException(violating("not-a-member")).expectNoEvents();
        fixture.givenNoPriorActivity().when(new RecordMeetingCommand("m1", "alice", "mallory", "", "", null, MET))
                .expectException(violating("unknown-member")).expectNoEvents();
        Lookups.left(members, "dave");
        fixture.givenNoPriorActivity().when(new RecordMeetingCommand("m1", "alice", "dave", "", "", null, MET))
                .expectException(violating("inactive-member")).expectNoEvents();
    }

    @Test
    void aMeetingMayReferenceTheOpenIntroductionOfItsTwoParticipants() {
        introduced("i1", "bob", "alice", true);
        fixture.givenNoPriorActivity().when(new RecordMeetingCommand("m1", "alice", "bob", "", "", "i1", MET))
                .expectEvents(new MeetingRecordedEvent("m1", "alice", "bob", "", "", "i1", MET));
    }

    @Test
    void rejectsReferencingAnIntroductionThatIsUnknownOfOthersOrNotOpen() {
        introduced("i-others", "bob", "dave", true);
        introduced("i-pending", "alice", "bob", false);
        fixture.givenNoPriorActivity().when(new RecordMeetingCommand("m1", "alice", "bob", "", "", "i-none", MET))
                .expectException(violating("unknown-introduction")).expectNoEvents();
        fixture.givenNoPriorActivity().when(new RecordMeetingCommand("m1", "alice", "bob", "", "", "i-others", MET))
                .expectException(violating("introduction-of-others")).expectNoEvents();
        fixture.givenNoPriorActivity().when(new RecordMeetingCommand("m1", "alice", "bob", "", "", "i-pending", MET))
                .expectException(violating("introduction-not-open")).expectNoEvents();
    }

    @Test
    void theOtherParticipantConfirmsOnce() {
        fixture.given(RECORDED).when(new ConfirmMeetingCommand("m1", "bob", LATER))
                .expectEvents(new MeetingConfirmedEvent("m1", "bob", "alice", LATER));
        fixture.given(RECORDED, new MeetingConfirmedEvent("m1", "bob", "alice", LATER))
                .when(new ConfirmMeetingCommand("m1", "bob", LATER))
                .expectException(violating("meeting-already-confirmed")).expectNoEvents();
    }

    @Test
    void nobodyButTheOtherParticipantConfirms() {
        fixture.given(RECORDED).when(new ConfirmMeetingCommand("m1", "alice", LATER))
                .expectException(violating("only-other-participant-confirms")).expectNoEvents();
        fixture.given(RECORDED).when(new ConfirmMeetingCommand("m1", "carol", LATER))
                .expectException(violating("only-other-participant-confirms")).expectNoEvents();
    }

    @Test
    void eitherParticipantFollowsUp() {
        fixture.given(RECORDED).when(new FollowUpMeetingCommand("m1", "bob", "Sent the deck", LATER))
                .expectEvents(new MeetingFollowedUpEvent("m1", "bob", "alice", "Sent the deck", LATER));
        fixture.given(RECORDED).when(new FollowUpMeetingCommand("m1", "alice", "", LATER))
                .expectEvents(new MeetingFollowedUpEvent("m1", "alice", "bob", "", LATER));
        fixture.given(RECORDED).when(new FollowUpMeetingCommand("m1", "carol", "", LATER))
                .expectException(violating("only-participants-follow-up")).expectNoEvents();
    }

    @Test
    void eachParticipantFollowsUpAtMostTwentyTimesIn24Hours() {
        List<Object> history = new ArrayList<>(List.of(RECORDED));
        for (int i = 0; i < Meeting.MAX_FOLLOW_UPS_PER_DAY; i++) {
            history.add(new MeetingFollowedUpEvent("m1", "alice", "bob", "note " + i, LATER.plusSeconds(60L * i)));
        }
        java.time.Instant next = LATER.plusSeconds(3600);
        fixture.given(history).when(new FollowUpMeetingCommand("m1", "alice", "one more", next))
                .expectException(violating("too-many-follow-ups")).expectNoEvents();
        fixture.given(history).when(new FollowUpMeetingCommand("m1", "bob", "mine", next))
                .expectEvents(new MeetingFollowedUpEvent("m1", "bob", "alice", "mine", next));
        java.time.Instant nextDay = LATER.plusSeconds(86_400 + 60);
        fixture.given(history).when(new FollowUpMeetingCommand("m1", "alice", "a day later", nextDay))
                .expectEvents(new MeetingFollowedUpEvent("m1", "alice", "bob", "a day later", nextDay));
    }
}
