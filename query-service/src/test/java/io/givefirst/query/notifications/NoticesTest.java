package io.givefirst.query.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.givefirst.events.help.HelpAcknowledgedEvent;
import io.givefirst.events.help.HelpConfirmedEvent;
import io.givefirst.events.help.HelpDisputedEvent;
import io.givefirst.events.help.HelpGivenEvent;
import io.givefirst.events.help.HelpKind;
import io.givefirst.events.introduction.IntroductionAcceptedEvent;
import io.givefirst.events.introduction.IntroductionDeclinedEvent;
import io.givefirst.events.introduction.IntroductionFruitfulEvent;
import io.givefirst.events.introduction.IntroductionMadeEvent;
import io.givefirst.events.meeting.MeetingConfirmedEvent;
import io.givefirst.events.meeting.MeetingRecordedEvent;
import io.givefirst.events.member.CardRequestedEvent;
import io.givefirst.events.member.MemberLeftEvent;
import io.givefirst.query.notifications.Notices.Notice;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Each member an act concerns is told, never the one who did it. */
class NoticesTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void helpTellsTheOtherSide() {
        assertThat(Notices.of(new HelpGivenEvent("h", "gia", "rex", HelpKind.IDEA, "s", "gia", false, null, NOW)))
                .containsExactly(new Notice("rex", "help-received", "gia"));
        assertThat(Notices.of(new HelpGivenEvent("h", "gia", "rex", HelpKind.IDEA, "s", "rex", false, null, NOW)))
                .containsExactly(new Notice("gia", "help-to-confirm", "rex"));
        assertThat(Notices.of(new HelpAcknowledgedEvent("h", "gia", "rex", "thanks", NOW)))
                .containsExactly(new Notice("gia", "help-acknowledged", "rex"));
        assertThat(Notices.of(new HelpConfirmedEvent("h", "gia", "rex", NOW)))
                .containsExactly(new Notice("rex", "help-confirmed", "gia"));
        assertThat(Notices.of(new HelpDisputedEvent("h", "gia", "rex", "no", NOW)))
                .containsExactly(new Notice("gia", "help-disputed", "rex"));
    }

    @Test
    void introductionsTellEveryoneInvolvedButTheOneWhoActed() {
        assertThat(Notices.of(new IntroductionMadeEvent("i", "ida", "fay", "sam", "reason", NOW)))
                .containsExactly(new Notice("fay", "introduction-made", "ida"), new Notice("sam", "introduction-made", "ida"));
        assertThat(Notices.of(new IntroductionAcceptedEvent("i", "sam", "ida", "fay", "sam", NOW))).containsExactly(
                new Notice("ida", "introduction-accepted", "sam"), new Notice("fay", "introduction-accepted", "sam"));
        assertThat(Notices.of(new IntroductionDeclinedEvent("i", "fay", "ida", "fay", "sam", NOW))).containsExactly(
                new Notice("ida", "introduction-declined", "fay"), new Notice("sam", "introduction-declined", "fay"));
        assertThat(Notices.of(new IntroductionFruitfulEvent("i", "ida", "fay", "sam", "m", NOW)))
                .extracting(Notice::memberId).containsExactly("ida", "fay", "sam");
    }

    @Test
    void cardsAndMeetingsTellTheOtherMemberAndTheRestTellsNobody() {
        assertThat(Notices.of(new CardRequestedEvent("owen", "rae", NOW)))
                .containsExactly(new Notice("owen", "card-requested", "rae"));
        assertThat(Notices.of(new MeetingRecordedEvent("m", "rae", "owen", "coffee", null, null, NOW)))
                .containsExactly(new Notice("owen", "meeting-to-confirm", "rae"));
        assertThat(Notices.of(new MeetingConfirmedEvent("m", "owen", "rae", NOW)))
                .containsExactly(new Notice("rae", "meeting-confirmed", "owen"));
        assertThat(Notices.of(new MemberLeftEvent("owen", NOW))).isEmpty();
    }
}
