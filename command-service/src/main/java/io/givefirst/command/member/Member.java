package io.givefirst.command.member;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.givefirst.command.member.MemberCommands.JoinMemberCommand;
import io.givefirst.command.member.MemberCommands.LeaveCommunityCommand;
import io.givefirst.command.member.MemberCommands.PostNeedCommand;
import io.givefirst.command.member.MemberCommands.PostOfferCommand;
import io.givefirst.command.member.MemberCommands.RequestCardCommand;
import io.givefirst.command.member.MemberCommands.ResolveNeedCommand;
import io.givefirst.command.member.MemberCommands.UpdateProfileCommand;
import io.givefirst.command.member.MemberCommands.WithdrawOfferCommand;
import io.givefirst.command.rules.CommandRules;
import io.givefirst.command.rules.DailyLimit;
import io.givefirst.events.member.CardRequestedEvent;
import io.givefirst.events.member.MemberErasedEvent;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.member.MemberLeftEvent;
import io.givefirst.events.member.MemberProfileUpdatedEvent;
import io.givefirst.events.member.NeedPostedEvent;
import io.givefirst.events.member.NeedResolvedEvent;
import io.givefirst.events.member.OfferPostedEvent;
import io.givefirst.events.member.OfferWithdrawnEvent;
import io.givefirst.shared.web.RuleViolation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A person in the community, with their profile, their open needs and offers, and who asked for their card.
 * Its id is the subject of the member's token.
 */
@Aggregate(cache = "aggregateCache")
public class Member {
    static final int MAX_OPEN_NEEDS = CommandRules.TOO_MANY_OPEN_NEEDS.limit();
    static final int MAX_OPEN_OFFERS = CommandRules.TOO_MANY_OPEN_OFFERS.limit();
    static final int MAX_PROFILE_CHANGES_PER_DAY = CommandRules.TOO_MANY_PROFILE_CHANGES.limit();

    @AggregateIdentifier
    private String memberId;
    private boolean active;
    private boolean erased;
    private String displayName;
    private String headline;
    private List<String> interests;
    private final Set<String> openNeeds = new HashSet<>();
    private final Set<String> resolvedNeeds = new HashSet<>();
    private final Set<String> openOffers = new HashSet<>();
    private final Set<String> withdrawnOffers = new HashSet<>();
    private final Set<String> cardRequesters = new HashSet<>();
    private final DailyLimit profileChanges = new DailyLimit(CommandRules.TOO_MANY_PROFILE_CHANGES,
            "profile changes");

    protected Member() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Member(JoinMemberCommand command, Members directory) {
        if (directory.exists(command.memberId())) {
            throw MemberRules.alreadyJoined(command.memberId());
        }
        if (command.invitedBy() != null) {
            if (command.invitedBy().equals(command.memberId())) {
                throw new RuleViolation(CommandRules.INVITED_BY_ONESELF,
                        "nobody invites themselves; leave invitedBy out");
            }
            if (!directory.exists(command.invitedBy())) {
                throw MemberRules.unknownMember(command.invitedBy(), "inviting member");
            }
        }
        apply(new MemberJoinedEvent(command.memberId(), command.displayName(), command.headline(),
                command.interests(), command.invitedBy(), command.occurredAt()));
    }

    /** Saving an unchanged profile records nothing. */
    @CommandHandler
    void handle(UpdateProfileCommand command) {
        requireActive();
        MemberProfileUpdatedEvent updated = new MemberProfileUpdatedEvent(memberId, command.displayName(),
                command.headline(), command.interests(), command.occurredAt());
        boolean unchanged = updated.displayName().equals(displayName) && updated.headline().equals(headline)
                && updated.interests().equals(interests);
        if (!unchanged) {
            profileChanges.check(command.occurredAt());
            apply(updated);
        }
    }

    @CommandHandler
    void handle(LeaveCommunityCommand command) {
        requireActive();
        apply(new MemberLeftEvent(memberId, command.occurredAt()));
    }

    /** A member who left can still be forgotten; a member is forgotten once. */
    @CommandHandler
    void handle(MemberCommands.EraseMemberCommand command) {
        if (erased) {
            throw new RuleViolation(CommandRules.MEMBER_ERASED, "member " + memberId + " has already been erased");
        }
        apply(new MemberErasedEvent(memberId, command.erasedBy(), command.byAdmin(), command.occurredAt()));
    }

    /** Posting a need whose id exists records nothing: it is a retry of that post (ids derive from the request). */
    @CommandHandler
    void handle(PostNeedCommand command) {
        if (openNeeds.contains(command.needId()) || resolvedNeeds.contains(command.needId())) {
            return;
        }
        requireActive();
        if (openNeeds.size() >= MAX_OPEN_NEEDS) {
            throw new RuleViolation(CommandRules.TOO_MANY_OPEN_NEEDS,
                    "resolve one of your " + MAX_OPEN_NEEDS + " open needs before posting another");
        }
        apply(new NeedPostedEvent(memberId, command.needId(), command.description(), command.tags(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(ResolveNeedCommand command) {
        requireActive();
        if (resolvedNeeds.contains(command.needId())) {
            throw new RuleViolation(CommandRules.NEED_ALREADY_RESOLVED,
                    "the need " + command.needId() + " is already resolved");
        }
        if (!openNeeds.contains(command.needId())) {
            throw new RuleViolation(CommandRules.UNKNOWN_NEED, "you have no need with the id " + command.needId());
        }
        apply(new NeedResolvedEvent(memberId, command.needId(), command.occurredAt()));
    }

    /** Posting an offer whose id exists records nothing, as for needs. */
    @CommandHandler
    void handle(PostOfferCommand command) {
        if (openOffers.contains(command.offerId()) || withdrawnOffers.contains(command.offerId())) {
            return;
        }
        requireActive();
        if (openOffers.size() >= MAX_OPEN_OFFERS) {
            throw new RuleViolation(CommandRules.TOO_MANY_OPEN_OFFERS,
                    "withdraw one of your " + MAX_OPEN_OFFERS + " open offers before posting another");
        }
        apply(new OfferPostedEvent(memberId, command.offerId(), command.description(), command.tags(),
                command.occurredAt()));
    }

    @CommandHandler
    void handle(WithdrawOfferCommand command) {
        requireActive();
        if (!openOffers.contains(command.offerId())) {
            throw new RuleViolation(CommandRules.UNKNOWN_OFFER,
                    "you have no open offer with the id " + command.offerId());
        }
        apply(new OfferWithdrawnEvent(memberId, command.offerId(), command.occurredAt()));
    }

    /** Handled by the member whose card is asked for: that is where "once per pair" can be known. */
    @CommandHandler
    void handle(RequestCardCommand command, Members directory) {
        if (memberId.equals(command.requesterId())) {
            throw new RuleViolation(CommandRules.OWN_CARD, "you cannot ask for your own card");
        }
        if (!directory.isActive(command.requesterId())) {
            throw MemberRules.notAMember();
        }
        if (!active) {
            throw MemberRules.inactiveMember(memberId, "member");
        }
        if (cardRequesters.contains(command.requesterId())) {
            throw new RuleViolation(CommandRules.CARD_ALREADY_REQUESTED,
                    "you have already asked " + memberId + " for their card");
        }
        apply(new CardRequestedEvent(memberId, command.requesterId(), command.occurredAt()));
    }

    private void requireActive() {
        if (!active) {
            throw new RuleViolation(CommandRules.MEMBER_LEFT, "you have left the community");
        }
    }

    @EventSourcingHandler
    void on(MemberJoinedEvent event) {
        this.memberId = event.memberId();
        this.active = true;
        this.displayName = event.displayName();
        this.headline = event.headline();
        this.interests = event.interests();
    }

    @EventSourcingHandler
    void on(MemberProfileUpdatedEvent event) {
        profileChanges.record(event.occurredAt());
        this.displayName = event.displayName();
        this.headline = event.headline();
        this.interests = event.interests();
    }

    @EventSourcingHandler
    void on(MemberLeftEvent event) {
        this.active = false;
    }

    /** What this aggregate kept of the member's profile goes too (it may stay cached in memory). */
    @EventSourcingHandler
    void on(MemberErasedEvent event) {
        this.active = false;
        this.erased = true;
        this.displayName = null;
        this.headline = null;
        this.interests = List.of();
    }

    @EventSourcingHandler
    void on(NeedPostedEvent event) {
        openNeeds.add(event.needId());
    }

    @EventSourcingHandler
    void on(NeedResolvedEvent event) {
        openNeeds.remove(event.needId());
        resolvedNeeds.add(event.needId());
    }

    @EventSourcingHandler
    void on(OfferPostedEvent event) {
        openOffers.add(event.offerId());
    }

    @EventSourcingHandler
    void on(OfferWithdrawnEvent event) {
        openOffers.remove(event.offerId());
        withdrawnOffers.add(event.offerId());
    }

    @EventSourcingHandler
    void on(CardRequestedEvent event) {
        cardRequesters.add(event.requesterId());
    }
}
