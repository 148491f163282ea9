package io.givefirst.command.member;

import static io.givefirst.command.support.Lookups.violating;

import io.givefirst.command.member.MemberCommands.EraseMemberCommand;
import io.givefirst.command.member.MemberCommands.JoinMemberCommand;
import io.givefirst.command.member.MemberCommands.LeaveCommunityCommand;
import io.givefirst.command.member.MemberCommands.PostNeedCommand;
import io.givefirst.command.member.MemberCommands.PostOfferCommand;
import io.givefirst.command.member.MemberCommands.RequestCardCommand;
import io.givefirst.command.member.MemberCommands.ResolveNeedCommand;
import io.givefirst.command.member.MemberCommands.UpdateProfileCommand;
import io.givefirst.command.member.MemberCommands.WithdrawOfferCommand;
import io.givefirst.command.support.Lookups;
import io.givefirst.command.support.MembersInMemory;
import io.givefirst.events.member.CardRequestedEvent;
import io.givefirst.events.member.MemberErasedEvent;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.member.MemberLeftEvent;
import io.givefirst.events.member.MemberProfileUpdatedEvent;
import io.givefirst.events.member.NeedPostedEvent;
import io.givefirst.events.member.NeedResolvedEvent;
import io.givefirst.events.member.OfferPostedEvent;
import io.givefirst.events.member.OfferWithdrawnEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemberTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(3600);
    private static final MemberJoinedEvent ALICE_JOINED =
            new MemberJoinedEvent("alice", "Alice", "Connector", List.of("climate"), null, T0);
    private MembersInMemory directory;
    private AggregateTestFixture<Member> fixture;

    @BeforeEach
    void setUp() {
        directory = Lookups.membersWhoJoined("bob", "carol");
        fixture = new AggregateTestFixture<>(Member.class);
        fixture.registerInjectableResource(directory);
    }

    @Test
    void aPersonJoinsWithTheirProfile() {
        fixture.givenNoPriorActivity()
                .when(new JoinMemberCommand("alice", "Alice", "Connector", List.of("Climate", "climate "), null, T0))
                .expectEvents(ALICE_JOINED);
    }

    @Test
    void rejectsJoiningTwice() {
        fixture.givenNoPriorActivity()
                .when(new JoinMemberCommand("bob", "Bob again", "", List.of(), null, T0))
                .expectException(violating("member-already-joined")).expectNoEvents();
    }

    @Test
    void aPersonJoinsInvitedByAMember() {
        fixture.givenNoPriorActivity()
                .when(new JoinMemberCommand("alice", "Alice", "", List.of(), "carol", T0))
                .expectEvents(new MemberJoinedEvent("alice", "Alice", "", List.of(), "carol", T0));
    }

    @Test
    void theInviterMustBeAMemberAndSomeoneElse() {
        fixture.givenNoPriorActivity().when(new JoinMemberCommand("alice", "Alice", "", List.of(), "mallory", T0))
                .expectException(violating("unknown-member")).expectNoEvents();
        fixture.givenNoPriorActivity().when(new JoinMemberCommand("alice", "Alice", "", List.of(), "alice", T0))
                .expectException(violating("invited-by-oneself")).expectNoEvents();
    }

    @Test
    void aMemberUpdatesTheirProfile() {
        fixture.given(ALICE_JOINED)
                .when(new UpdateProfileCommand("alice", "Alice M.", "Investor", List.of("energy"), T1))
                .expectEvents(new MemberProfileUpdatedEvent("alice", "Alice M.", "Investor", List.of("energy"), T1));
    }

    @Test
    void savingAnUnchangedProfileRecordsNothing() {
        fixture.given(ALICE_JOINED)
                .when(new UpdateProfileCommand("alice", "Alice", "Connector", List.of("climate"), T1))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aMemberChangesTheirProfileAtMostTwentyTimesIn24Hours() {
        List<Object> history = new ArrayList<>(List.of(ALICE_JOINED));
        for (int i = 0; i < Member.MAX_PROFILE_CHANGES_PER_DAY; i++) {
            history.add(new MemberProfileUpdatedEvent("alice", "Alice " + i, "", List.of(), T1.plusSeconds(60L * i)));
        }
        Instant next = T1.plusSeconds(3600);
        fixture.given(history).when(new UpdateProfileCommand("alice", "Alice again", "", List.of(), next))
                .expectException(violating("too-many-profile-changes")).expectNoEvents();
        Instant nextDay = T1.plusSeconds(86_400 + 60);
        fixture.given(history).when(new UpdateProfileCommand("alice", "Alice again", "", List.of(), nextDay))
                .expectEvents(new MemberProfileUpdatedEvent("alice", "Alice again", "", List.of(), nextDay));
    }

    @Test
    void aMemberLeavesOnce() {
        fixture.given(ALICE_JOINED).when(new LeaveCommunityCommand("alice", T1))
                .expectEvents(new MemberLeftEvent("alice", T1));
        fixture.given(ALICE_JOINED, new MemberLeftEvent("alice", T1)).when(new LeaveCommunityCommand("alice", T1))
                .expectException(violating("member-left")).expectNoEvents();
    }

    @Test
    void aMemberIsForgottenOnceByThemselvesOrAnAdminEvenAfterLeaving() {
        fixture.given(ALICE_JOINED).when(new EraseMemberCommand("alice", "alice", false, T1))
                .expectEvents(new MemberErasedEvent("alice", "alice", false, T1));
        fixture.given(ALICE_JOINED, new MemberLeftEvent("alice", T1)).when(new EraseMemberCommand("alice", "ops", true, T1))
                .expectEvents(new MemberErasedEvent("alice", "ops", true, T1));
        fixture.given(ALICE_JOINED, new MemberErasedEvent("alice", "alice", false, T1))
                .when(new EraseMemberCommand("alice", "ops", true, T1))
                .expectException(violating("member-erased")).expectNoEvents();
    }

    @Test
    void aForgottenMemberCannotActAnymore() {
        fixture.given(ALICE_JOINED, new MemberErasedEvent("alice", "alice", false, T1))
                .when(new UpdateProfileCommand("alice", "Alice", "", List.of(), T1))
                .expectException(violating("member-left")).expectNoEvents();
        fixture.given(ALICE_JOINED, new MemberErasedEvent("alice", "alice", false, T1))
                .when(new LeaveCommunityCommand("alice", T1))
                .expectException(violating("member-left")).expectNoEvents();
    }

    @Test
    void aMemberWhoLeftCannotActAnymore() {
        fixture.given(ALICE_JOINED, new MemberLeftEvent("alice", T1))
                .when(new UpdateProfileCommand("alice", "Alice", "", List.of(), T1))
                .expectException(violating("member-left")).expectNoEvents();
        fixture.given(ALICE_JOINED, new MemberLeftEvent("alice", T1))
                .when(new PostNeedCommand("alice", "n1", "A mentor", List.of(), T1))
                .expectException(violating("member-left")).expectNoEvents();
    }

    @Test
    void aMemberPostsAndResolvesANeed() {
        fixture.given(ALICE_JOINED).when(new PostNeedCommand("alice", "n1", "A mentor", List.of("Mentoring"), T1))
                .expectEvents(new NeedPostedEvent("alice", "n1", "A mentor", List.of("mentoring"), T1));
        fixture.given(ALICE_JOINED, new NeedPostedEvent("alice", "n1", "A mentor", List.of(), T1))
                .when(new ResolveNeedCommand("alice", "n1", T1))
                .expectEvents(new NeedResolvedEvent("alice", "n1", T1));
    }

    @Test
    void rejectsResolvingAnUnknownNeedOrOneAlreadyResolved() {
        fixture.given(ALICE_JOINED).when(new ResolveNeedCommand("alice", "n9", T1))
                .expectException(violating("unknown-need")).expectNoEvents();
        fixture.given(ALICE_JOINED, new NeedPostedEvent("alice", "n1", "A mentor", List.of(), T1),
                        new NeedResolvedEvent("alice", "n1", T1))
                .when(new ResolveNeedCommand("alice", "n1", T1))
                .expectException(violating("need-already-resolved")).expectNoEvents();
    }

    @Test
    void postingANeedOrOfferAgainWithItsIdRecordsNothing() {
        fixture.given(ALICE_JOINED, new NeedPostedEvent("alice", "n1", "A mentor", List.of(), T1))
                .when(new PostNeedCommand("alice", "n1", "A mentor", List.of(), T1))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(ALICE_JOINED, new NeedPostedEvent("alice", "n1", "A mentor", List.of(), T1),
                        new NeedResolvedEvent("alice", "n1", T1))
                .when(new PostNeedCommand("alice", "n1", "A mentor", List.of(), T1))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(ALICE_JOINED, new OfferPostedEvent("alice", "o1", "Intros", List.of(), T1),
                        new OfferWithdrawnEvent("alice", "o1", T1))
                .when(new PostOfferCommand("alice", "o1", "Intros", List.of(), T1))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void rejectsMoreOpenNeedsThanTheLimit() {
        List<Object> history = new ArrayList<>(List.of(ALICE_JOINED));
        for (int i = 0; i < Member.MAX_OPEN_NEEDS; i++) {
            history.add(new NeedPostedEvent("alice", "n" + i, "need " + i, List.of(), T1));
        }
        fixture.given(history).when(new PostNeedCommand("alice", "one-more", "one more", List.of(), T1))
                .expectException(violating("too-many-open-needs")).expectNoEvents();
    }

    @Test
    void aMemberPostsAndWithdrawsAnOffer() {
        fixture.given(ALICE_JOINED).when(new PostOfferCommand("alice", "o1", "Pitch reviews", List.of("pitch"), T1))
                .expectEvents(new OfferPostedEvent("alice", "o1", "Pitch reviews", List.of("pitch"), T1));
        fixture.given(ALICE_JOINED, new OfferPostedEvent("alice", "o1", "Pitch reviews", List.of(), T1))
                .when(new WithdrawOfferCommand("alice", "o1", T1))
                .expectEvents(new OfferWithdrawnEvent("alice", "o1", T1));
    }

    @Test
    void rejectsWithdrawingAnOfferThatIsNotOpen() {
        fixture.given(ALICE_JOINED, new OfferPostedEvent("alice", "o1", "Pitch reviews", List.of(), T1),
                        new OfferWithdrawnEvent("alice", "o1", T1))
                .when(new WithdrawOfferCommand("alice", "o1", T1))
                .expectException(violating("unknown-offer")).expectNoEvents();
    }

    @Test
    void aMemberAsksAnotherForTheirCard() {
        fixture.given(ALICE_JOINED).when(new RequestCardCommand("alice", "bob", T1))
                .expectEvents(new CardRequestedEvent("alice", "bob", T1));
    }

    @Test
    void aCardIsAskedForOncePerPair() {
        fixture.given(ALICE_JOINED, new CardRequestedEvent("alice", "bob", T1))
                .when(new RequestCardCommand("alice", "bob", T1))
                .expectException(violating("card-already-requested")).expectNoEvents();
        fixture.given(ALICE_JOINED, new CardRequestedEvent("alice", "bob", T1))
                .when(new RequestCardCommand("alice", "carol", T1))
                .expectEvents(new CardRequestedEvent("alice", "carol", T1));
    }

    @Test
    void nobodyAsksForTheirOwnCard() {
        fixture.given(ALICE_JOINED).when(new RequestCardCommand("alice", "alice", T1))
                .expectException(violating("own-card")).expectNoEvents();
    }

    @Test
    void bothSidesOfACardRequestMustBeActiveMembers() {
        fixture.given(ALICE_JOINED).when(new RequestCardCommand("alice", "mallory", T1))
                .expectException(violating("not-a-member")).expectNoEvents();
        Lookups.left(directory, "bob");
        fixture.given(ALICE_JOINED).when(new RequestCardCommand("alice", "bob", T1))
                .expectException(violating("not-a-member")).expectNoEvents();
        fixture.given(ALICE_JOINED, new MemberLeftEvent("alice", T1)).when(new RequestCardCommand("alice", "carol", T1))
                .expectException(violating("inactive-member")).expectNoEvents();
    }
}
