package io.givefirst.query.history;

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
        String summary = personal.text(d.getString("summary"));
        String kind = d.getString("kind");
        String role = d.getString("role");
        Person counterpart = person(d.getString("counterpartId"), names);
        Person third = d.getString("thirdPartyId") == null ? null : person(d.getString("thirdPartyId"), names);
        String status = status(d, kind);
        boolean verified = switch (status) {
            case "VERIFIED", "CONFIRMED", "OPEN", "FRUITFUL", "DONE" -> true;
            default -> false;
        };
        String text = sentence(kind, role, name(counterpart), third == null ? null : name(third), summary)
                + suffix(status);
        return new HistoryEntry(d.getString("_id"), kind, role, text, status, verified,
                d.getDate("occurredAt").toInstant(), counterpart, third, d.getString("helpKind"), summary,
                personal.text(d.getString("thanks")), personal.privateNote(d.getString("privateNote"), memberId, readerId));
    }

    private static String status(Document d, String kind) {
        return switch (kind) {
            case "HELP" -> d.get("disputedAt") != null ? "DISPUTED"
                    : Boolean.TRUE.equals(d.getBoolean("verifiedAtOnce")) || d.get("acknowledgedAt") != null
                    ? "VERIFIED" : "UNVERIFIED";
            case "MEETING" -> d.get("confirmedAt") != null ? "CONFIRMED" : "UNCONFIRMED";
            case "INTRODUCTION" -> d.get("fruitfulAt") != null ? "FRUITFUL" : d.get("declinedAt") != null ? "DECLINED"
                    : d.get("openedAt") != null ? "OPEN" : "PENDING";
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
