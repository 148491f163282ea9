package io.givefirst.command.rules;

import io.givefirst.shared.web.Rule;
import io.givefirst.shared.web.RuleViolation;

/**
 * Every rule a command can break, in one place: what members may do (by feature, in the order of README's
 * walkthrough), what a write needs (idempotency, concurrency), and the relay's admin actions. A rejection names
 * one of these ({@link RuleViolation}); the README's table of rules is generated from them.
 */
public enum CommandRules implements Rule {
    // members
    NOT_A_MEMBER(409, "Not a member", "the acting member has not joined: `POST /members` first"),
    INACTIVE_MEMBER(409, "Inactive member", "the other member named has left the community"),
    MEMBER_ALREADY_JOINED(409, "Member already joined", "joining twice; update the profile instead"),
    MEMBER_LEFT(409, "Member left", "the acting member has left the community"),
    MEMBER_ERASED(409, "Member erased", "the member's personal data is already erased"),
    INVITED_BY_ONESELF(400, "Invited by oneself", "`invitedBy` names the joining member"),
    UNKNOWN_NEED(404, "Unknown need", "the acting member has no need with that id"),
    NEED_ALREADY_RESOLVED(409, "Need already resolved", "resolving a need twice"),
    TOO_MANY_OPEN_NEEDS(409, "Too many open needs", 50, "posting a need while %d are open"),
    UNKNOWN_OFFER(404, "Unknown offer", "the acting member has no open offer with that id"),
    TOO_MANY_OPEN_OFFERS(409, "Too many open offers", 50, "posting an offer while %d are open"),
    OWN_CARD(400, "Own card", "asking for one's own card"),
    CARD_ALREADY_REQUESTED(409, "Card already requested", "asking the same member for their card twice"),
    TOO_MANY_PROFILE_CHANGES(429, "Daily limit reached", 20, "more than %d profile changes in 24 hours"),
    TOO_MANY_RECORDS_TODAY(429, "Daily limit reached", "more than `givefirst.quota.records-per-day` (500) new help,"
            + " meetings, introductions, needs, offers and follow-ups by one member in a UTC day"),
    // meetings
    MEETING_WITH_ONESELF(400, "Meeting with oneself", "recording a meeting with oneself"),
    UNKNOWN_INTRODUCTION(404, "Unknown introduction", "a meeting names an introduction that does not exist"),
    INTRODUCTION_OF_OTHERS(409, "Introduction of others", "the introduction named is not between the two who met"),
    INTRODUCTION_NOT_OPEN(409, "Introduction not open", "the introduction named is not yet accepted by both"),
    ONLY_OTHER_PARTICIPANT_CONFIRMS(403, "Only the other participant confirms",
            "a meeting is confirmed by the member who was met, not by who recorded it"),
    MEETING_ALREADY_CONFIRMED(409, "Meeting already confirmed", "confirming a meeting twice"),
    ONLY_PARTICIPANTS_FOLLOW_UP(403, "Only participants follow up", "following up on a meeting one was not in"),
    TOO_MANY_FOLLOW_UPS(429, "Daily limit reached", 20, "more than %d follow-ups of one meeting by one member in 24 hours"),
    // help
    HELP_TO_ONESELF(400, "Help to oneself", "recording help given to oneself"),
    NEED_NOT_OPEN(409, "Need not open", "help answers a need its receiver does not have open"),
    ONLY_RECEIVER_ACKNOWLEDGES(403, "Only the receiver acknowledges", "acknowledging help one did not receive"),
    ONLY_RECEIVER_DISPUTES(403, "Only the receiver disputes", "disputing help one did not receive"),
    ONLY_GIVER_CONFIRMS(403, "Only the giver confirms", "confirming help one did not give"),
    HELP_RECORDED_BY_GIVER(409, "Help recorded by its giver", "confirming help one recorded oneself: its receiver"
            + " acknowledges it"),
    HELP_AWAITS_GIVER(409, "Help awaits its giver", "acknowledging or disputing help one recorded as received:"
            + " its giver confirms it"),
    HELP_ALREADY_VERIFIED(409, "Help already verified", "acknowledging, disputing or confirming verified help"),
    HELP_DISPUTED(409, "Help disputed", "acknowledging or disputing help already disputed"),
    // introductions
    INTRODUCER_INVOLVED(400, "Introducer involved", "introducing oneself: an introducer introduces two others"),
    INTRODUCTION_TO_ONESELF(400, "Introduction to oneself", "introducing a member to themselves"),
    INTRODUCTION_ALREADY_PENDING(409, "Introduction already pending",
            "the two members already have an introduction waiting for their answers"),
    ONLY_INTRODUCED_MEMBERS_RESPOND(403, "Only introduced members respond",
            "accepting or declining an introduction one is not part of"),
    INTRODUCTION_ALREADY_ACCEPTED(409, "Introduction already accepted", "accepting twice"),
    INTRODUCTION_DECLINED(409, "Introduction declined", "answering an introduction that was declined"),
    INTRODUCTION_ALREADY_OPEN(409, "Introduction already open", "declining an introduction both accepted"),
    // every act
    OCCURRED_AT_OUT_OF_RANGE(400, "Date out of range", 366, "an act dated more than %d days ago or in the future"),
    UNKNOWN_ID(404, "Unknown id", "nothing with the id in the path exists"),
    ALREADY_EXISTS(409, "Already exists", "a concurrent request created the same thing; nothing was recorded twice"),
    CONCURRENT_MODIFICATION(409, "Concurrent modification",
            "another request changed the same thing at the same time, after transparent retries; retry"),
    INVALID_IDEMPOTENCY_KEY(400, "Invalid idempotency key", 200, "an `Idempotency-Key` blank or longer than %d characters"),
    IDEMPOTENCY_KEY_REUSED(422, "Idempotency key reused", "the same key sent with another request"),
    REQUEST_IN_PROGRESS(409, "Request in progress", "the first attempt with this key may still be running: retry"
            + " after a moment"),
    // the relay's admin actions
    COPY_TOPIC_NAME(400, "Copy topic name", "a copy goes into a topic named `givefirst.events.<name>`"),
    COPY_IN_PROGRESS(409, "Copy in progress", "a copy of the store is still running"),
    COPY_TOPIC_EXISTS(409, "Copy topic exists", "a copy goes into a new topic, not an existing one");

    private final Definition definition;
    private final int limit;

    CommandRules(int status, String title, String meaning) {
        this(status, title, 0, meaning);
    }

    /** A rule with a number: its one home; the code that enforces it reads {@link #limit()}. */
    CommandRules(int status, String title, int limit, String meaning) {
        this.definition = new Definition(status, title, meaning.formatted(limit));
        this.limit = limit;
    }

    /** The number the rule is about (a maximum, a number of days); 0 for a rule without one. */
    public int limit() {
        return limit;
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
