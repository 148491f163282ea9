package io.givefirst.query.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.givefirst.query.leaderboard.VerifiedHelp.Rank;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifiedHelpTest {
    private static final Instant NOON = Instant.parse("2026-11-20T12:00:00Z");

    private static String help(String id, String giver, String receiver, Instant at) {
        return new VerifiedHelp(at, id, giver, receiver).entry();
    }

    @Test
    void anEntryReadsBackAsItWasWritten() {
        VerifiedHelp help = new VerifiedHelp(NOON, "h-1", "alice", "bob|not a separator");
        assertThat(VerifiedHelp.parse(help.entry())).isEqualTo(help);
        assertThat(help.day()).isEqualTo("2026-11-20");
    }

    @Test
    void theSameHelpTwiceGivesTheSameEntry() {
        assertThat(help("h-1", "alice", "bob", NOON)).isEqualTo(help("h-1", "alice", "bob", NOON));
    }

    @Test
    void aPeriodReadsEveryDayFromItsStartToTheDayAfterNow() {
        assertThat(VerifiedHelp.daysFrom(Instant.parse("2026-11-18T23:59:59Z"), NOON))
                .containsExactly("2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21");
    }

    @Test
    void giversRankByVerifiedHelpThenUniqueBeneficiariesThenId() {
        List<String> entries = List.of(
                help("h-1", "carol", "dan", NOON), help("h-2", "carol", "dan", NOON), // 2 helps, 1 beneficiary
                help("h-3", "bob", "dan", NOON), help("h-4", "bob", "erin", NOON),     // 2 helps, 2 beneficiaries
                help("h-5", "alice", "dan", NOON), help("h-6", "zoe", "dan", NOON));   // 1 help each: by id
        assertThat(VerifiedHelp.rank(entries, null, 10)).containsExactly(new Rank("bob", 2, 2),
                new Rank("carol", 2, 1), new Rank("alice", 1, 1), new Rank("zoe", 1, 1));
        assertThat(VerifiedHelp.rank(entries, null, 2)).extracting(Rank::giverId).containsExactly("bob", "carol");
    }

    @Test
    void onlyHelpVerifiedSinceThePeriodStartCounts() {
        Instant since = NOON.minusSeconds(1);
        List<String> entries = List.of(help("h-1", "alice", "bob", since.minusMillis(1)), help("h-2", "alice", "bob", since),
                help("h-3", "carol", "bob", since.minusSeconds(60)));
        assertThat(VerifiedHelp.rank(entries, since, 10)).containsExactly(new Rank("alice", 1, 1));
        assertThat(VerifiedHelp.rank(entries, null, 10)).containsExactly(new Rank("alice", 2, 1), new Rank("carol", 1, 1));
    }

    @Test
    void aHelpReadTwiceCountsOnce() {
        String entry = help("h-1", "alice", "bob", NOON);
        assertThat(VerifiedHelp.rank(List.of(entry, entry), null, 10)).containsExactly(new Rank("alice", 1, 1));
    }
}
