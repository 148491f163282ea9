package io.givefirst.query.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.givefirst.query.leaderboard.VerifiedHelp.Rank;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class VerifiedHelpTest {
    private static final Instant NOON = Instant.parse("2026-11-20T12:00:00Z");

    private static VerifiedHelp help(String id, String giver, String receiver) {
        return new VerifiedHelp(NOON, id, giver, receiver);
    }

    @Test
    void aStoredHelpReadsBackAsItWasVerified() {
        Document stored = new Document("_id", "h-1").append("giverId", "alice").append("receiverId", "bob")
                .append("verifiedAt", Date.from(NOON));
        assertThat(VerifiedHelp.of(stored)).isEqualTo(help("h-1", "alice", "bob"));
    }

    @Test
    void giversRankByVerifiedHelpThenUniqueBeneficiariesThenId() {
        List<VerifiedHelp> helps = List.of(
                help("h-1", "carol", "dan"), help("h-2", "carol", "dan"), // 2 helps, 1 beneficiary
                help("h-3", "bob", "dan"), help("h-4", "bob", "erin"),     // 2 helps, 2 beneficiaries
                help("h-5", "alice", "dan"), help("h-6", "zoe", "dan"));   // 1 help each: by id
        assertThat(VerifiedHelp.rank(helps, 10)).containsExactly(new Rank("bob", 2, 2),
                new Rank("carol", 2, 1), new Rank("alice", 1, 1), new Rank("zoe", 1, 1));
        assertThat(VerifiedHelp.rank(helps, 2)).extracting(Rank::giverId).containsExactly("bob", "carol");
    }

    @Test
    void aHelpReadTwiceCountsOnce() {
        VerifiedHelp help = help("h-1", "alice", "bob");
        assertThat(VerifiedHelp.rank(List.of(help, help), 10)).containsExactly(new Rank("alice", 1, 1));
    }
}
