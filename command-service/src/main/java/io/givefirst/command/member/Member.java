package io.givefirst.command.member;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.givefirst.command.rules.RuleViolation;
import io.givefirst.command.rules.RuleViolation.Kind;
import io.givefirst.events.member.MemberJoinedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A person in the community. Its id is the subject of the member's token. */
@Aggregate
public class Member {
    @AggregateIdentifier
    private String memberId;
    private boolean active;

    protected Member() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Member(JoinMemberCommand command, MemberDirectory directory) {
        if (directory.exists(command.memberId())) {
            throw alreadyJoined(command.memberId());
        }
        apply(new MemberJoinedEvent(command.memberId(), command.displayName(), command.headline(),
                command.interests(), command.occurredAt()));
    }

    @EventSourcingHandler
    void on(MemberJoinedEvent event) {
        this.memberId = event.memberId();
        this.active = true;
    }

    static RuleViolation alreadyJoined(String memberId) {
        return new RuleViolation(Kind.CONFLICT, "member-already-joined", "Member already joined",
                "member " + memberId + " has already joined; update the profile instead");
    }
}
