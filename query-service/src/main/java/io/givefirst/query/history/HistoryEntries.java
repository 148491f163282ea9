package io.givefirst.query.history;

import static io.givefirst.query.history.HistoryFields.ACKNOWLEDGED_AT;
import static io.givefirst.query.history.HistoryFields.CONFIRMED_AT;
import static io.givefirst.query.history.HistoryFields.COUNTERPART_ID;
import static io.givefirst.query.history.HistoryFields.DECLINED_AT;
import static io.givefirst.query.history.HistoryFields.DISPUTED_AT;
import static io.givefirst.query.history.HistoryFields.FRUITFUL_AT;
import static io.givefirst.query.history.HistoryFields.HELP_KIND;
import static io.givefirst.query.history.HistoryFields.KIND;
import static io.givefirst.query.history.HistoryFields.OCCURRED_AT;
import static io.givefirst.query.history.HistoryFields.OPENED_AT;
import static io.givefirst.query.history.HistoryFields.PRIVATE_NOTE;
import static io.givefirst.query.history.HistoryFields.ROLE;
import static io.givefirst.query.history.HistoryFields.SUMMARY;
import static io.givefirst.query.history.HistoryFields.THANKS;
import static io.givefirst.query.history.HistoryFields.THIRD_PARTY_ID;
import static io.givefirst.query.history.HistoryFields.VERIFIED_AT_ONCE;

import io.givefirst.query.history.HistoryQueryController.HistoryEntry;
import io.givefirst.query.history.HistoryQueryController.Person;
import io.givefirst.query.privacy.PersonalTexts;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** How a stored history entry reads to a person: its sentence, its status, whether it is verified. */
final class HistoryEntries {
    private HistoryEntries() {
    }

    /** An entry of {@code memberId}'s history as {@code readerId} sees it: names and texts opened, notes for their author only. */
    static HistoryEntry render(Document d, Map<String, String> names, String memberId, String readerId,
                               PersonalTexts personal) {
        String summary = personal.text(d.getString(SUMMARY));
        String kind = d.getString(KIND);
        String role = d.getString(ROLE);
        Person counterpart = person(d.getString(COUNTERPART_ID), names);
        Person third = d.getString(THIRD_PARTY_ID) == null ? null : person(d.getString(THIRD_PARTY_ID), names);
        String status = status(d, kind);
        boolean verified = switch (status) {
            case "VERIFIED", "CONFIRMED", "OPEN", "FRUITFUL", "DONE" -> true;
            default -> false;
        };
        String text = sentence(kind, role, name(counterpart), third == null ? null : name(third), summary)
                + suffix(status);
        return new HistoryEntry(d.getString("_id"), kind, role, text, status, verified,
                d.getDate(OCCURRED_AT).toInstant(), counterpart, third, d.getString(HELP_KIND), summary,
                personal.text(d.getString(THANKS)), personal.privateNote(d.getString(PRIVATE_NOTE), memberId, readerId));
    }

    private static String status(Document d, String kind) {
        return switch (kind) {
            case "HELP" -> d.get(DISPUTED_AT) != null ? "DISPUTED"
                    : Boolean.TRUE.equals(d.getBoolean(VERIFIED_AT_ONCE)) || d.get(ACKNOWLEDGED_AT) != null
                    ? "VERIFIED" : "UNVERIFIED";
            case "MEETING" -> d.get(CONFIRMED_AT) != null ? "CONFIRMED" : "UNCONFIRMED";
            case "INTRODUCTION" -> d.get(FRUITFUL_AT) != null ? "FRUITFUL" : d.get(DECLINED_AT) != null ? "DECLINED"
                    : d.get(OPENED_AT) != null ? "OPEN" : "PENDING";
            default -> "DONE";
        };
    }

    private static String sentence(String kind, String role, String other, String third, String summary) {
        return switch (kind + "/" + role) {
            case "HELP/GIVER" -> "Gave help to " + other;
            case "HELP/RECEIVER" -> "Received help from " + other;
            case "MEETING/PARTICIPANT" -> "Met " + other + (summary == null || summary.isBlank() ? "" : " at " + summary);
            case "FOLLOW_UP/PARTICIPANT" -> "Followed up with " + other;
            case "INTRODUCTION/INTRODUCER" -> "Introduced " + other + " to " + third;
            case "INTRODUCTION/INTRODUCED" -> "Was introduced to " + other + " by " + third;
            case "CARD_REQUEST/REQUESTER" -> "Asked " + other + " for their card";
            case "CARD_REQUEST/OWNER" -> other + " asked for your card";
            default -> kind + " with " + other;
        };
    }

    private static String suffix(String status) {
        return List.of("UNVERIFIED", "DISPUTED", "UNCONFIRMED", "PENDING", "OPEN", "DECLINED", "FRUITFUL").contains(status)
                ? " (" + status.toLowerCase() + ")" : "";
    }

    private static Person person(String memberId, Map<String, String> names) {
        return new Person(memberId, names.get(memberId));
    }

    private static String name(Person person) {
        return person.displayName() == null ? person.memberId() : person.displayName();
    }
}
