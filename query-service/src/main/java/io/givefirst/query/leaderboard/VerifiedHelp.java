package io.givefirst.query.leaderboard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One verified help as the leaderboard keeps it: a string in the {@code helps} set of the document of the UTC day it
 * became verified ({@code verified_help_days}, {@code _id = yyyy-MM-dd}). Strings keep {@code $addToSet} exact —
 * a redelivered event adds nothing — and a period's board reads one document per day by {@code _id} (ADR 10).
 */
record VerifiedHelp(Instant verifiedAt, String helpId, String giverId, String receiverId) {
    static final String HELPS = "helps";
    private static final String SEPARATOR = "\u001f";

    /** A giver's place on a board, before names are looked up. */
    record Rank(String giverId, int verifiedHelp, int uniqueBeneficiaries) {
    }

    private static final Comparator<Rank> BOARD_ORDER = Comparator.comparingInt(Rank::verifiedHelp).reversed()
            .thenComparing(Comparator.comparingInt(Rank::uniqueBeneficiaries).reversed())
            .thenComparing(Rank::giverId);

    String entry() {
        return String.join(SEPARATOR, "%015d".formatted(verifiedAt.toEpochMilli()), helpId, giverId, receiverId);
    }

    static VerifiedHelp parse(String entry) {
        String[] parts = entry.split(SEPARATOR, 4);
        return new VerifiedHelp(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1], parts[2], parts[3]);
    }

    /** The {@code _id} of the day document this help belongs to. */
    String day() {
        return LocalDate.ofInstant(verifiedAt, ZoneOffset.UTC).toString();
    }

    /** The day documents that can hold help verified from {@code since} on: up to the day after {@code now}. */
    static List<String> daysFrom(Instant since, Instant now) {
        List<String> days = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1); // a clock a little ahead of ours
        for (LocalDate day = LocalDate.ofInstant(since, ZoneOffset.UTC); !day.isAfter(last); day = day.plusDays(1)) {
            days.add(day.toString());
        }
        return days;
    }

    /**
     * Givers ranked by verified help from {@code since} on (null: all time), then by unique beneficiaries, then by
     * id; the first {@code limit}. A help is counted once even if it appears twice.
     */
    static List<Rank> rank(Collection<String> entries, Instant since, int limit) {
        Map<String, Set<String>> helps = new HashMap<>();
        Map<String, Set<String>> beneficiaries = new HashMap<>();
        for (String entry : entries) {
            VerifiedHelp help = parse(entry);
            if (since == null || !help.verifiedAt().isBefore(since)) {
                helps.computeIfAbsent(help.giverId(), g -> new HashSet<>()).add(help.helpId());
                beneficiaries.computeIfAbsent(help.giverId(), g -> new HashSet<>()).add(help.receiverId());
            }
        }
        return helps.entrySet().stream()
                .map(e -> new Rank(e.getKey(), e.getValue().size(), beneficiaries.get(e.getKey()).size()))
                .sorted(BOARD_ORDER).limit(limit).toList();
    }
}
