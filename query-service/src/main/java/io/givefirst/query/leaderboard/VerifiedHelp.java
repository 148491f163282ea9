package io.givefirst.query.leaderboard;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/** One verified help as the leaderboard keeps it ({@code verified_help}, {@code _id} = the help's id). */
record VerifiedHelp(Instant verifiedAt, String helpId, String giverId, String receiverId) {
    static final String GIVER = "giverId";
    static final String RECEIVER = "receiverId";
    static final String VERIFIED_AT = "verifiedAt";

    /** A giver's place on a board, before names are looked up. */
    record Rank(String giverId, int verifiedHelp, int uniqueBeneficiaries) {
    }

    private static final Comparator<Rank> BOARD_ORDER = Comparator.comparingInt(Rank::verifiedHelp).reversed()
            .thenComparing(Comparator.comparingInt(Rank::uniqueBeneficiaries).reversed())
            .thenComparing(Rank::giverId);

    static VerifiedHelp of(Document document) {
        return new VerifiedHelp(document.getDate(VERIFIED_AT).toInstant(), document.getString("_id"),
                document.getString(GIVER), document.getString(RECEIVER));
    }

    /**
     * Givers ranked by verified help, then by unique beneficiaries, then by id; the first {@code limit}. A help
     * is counted once even if it appears twice.
     */
    static List<Rank> rank(Collection<VerifiedHelp> verified, int limit) {
        Map<String, Set<String>> helps = new HashMap<>();
        Map<String, Set<String>> beneficiaries = new HashMap<>();
        for (VerifiedHelp help : verified) {
            helps.computeIfAbsent(help.giverId(), g -> new HashSet<>()).add(help.helpId());
            beneficiaries.computeIfAbsent(help.giverId(), g -> new HashSet<>()).add(help.receiverId());
        }
        return helps.entrySet().stream()
                .map(e -> new Rank(e.getKey(), e.getValue().size(), beneficiaries.get(e.getKey()).size()))
                .sorted(BOARD_ORDER).limit(limit).toList();
    }
}
