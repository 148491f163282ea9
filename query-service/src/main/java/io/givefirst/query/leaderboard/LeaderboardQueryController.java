package io.givefirst.query.leaderboard;

import io.givefirst.query.replay.Generations;
import com.github.benmanes.caffeine.cache.Ticker;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.givefirst.query.profile.ProfileRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Date;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Community", description = "Leaderboard of givers and the activity feed")
class LeaderboardQueryController {
    /**
     * The periods a leaderboard covers (ALL: no start): a fixed set, so that however readers spell their requests
     * each is computed once — never one computation per day count or per limit.
     */
    static final List<String> PERIODS = List.of("P7D", "P30D", "P90D", "P365D", "ALL");
    static final int MAX_LIMIT = 100;
    private final ProfileRepository profiles;
    private final Clock clock;

    /**
     * Ranking reads every verified help of the period (by its index on verifiedAt), the same for every reader, so results
     * are kept and recomputed in the background at most every {@code givefirst.leaderboard.refresh} (default 10 s).
     */
    private final RecentResults<Key, Leaderboard> recent;
    private final Generations generations;

    /** A board is kept per period and generation: the live one, or a snapshot a query asked for. */
    private record Key(String period, int generation) {
    }


    LeaderboardQueryController(Generations generations, ProfileRepository profiles, Clock clock,
                               @Value("${givefirst.leaderboard.refresh:PT10S}") Duration refresh) {
        this.generations = generations;
        this.profiles = profiles;
        this.clock = clock;
        Executor refresher = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "leaderboard-refresh");
            thread.setDaemon(true);
            return thread;
        });
        this.recent = new RecentResults<>(refresh, 100, refresher, Ticker.systemTicker(),
                key -> compute(key, since(key.period()), MAX_LIMIT));
    }

    record Giver(int rank, String memberId, String displayName, int verifiedHelp, int uniqueBeneficiaries) {
    }

    record Leaderboard(String period, Instant since, List<Giver> givers) {
    }

    @Operation(summary = "Givers ranked by verified help given, then unique beneficiaries, over a period: P7D, P30D,"
            + " P90D, P365D or ALL")
    @GetMapping("/leaderboard")
    Leaderboard leaderboard(@RequestParam(defaultValue = "P30D") String period,
                            @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        String normalised = period.strip().toUpperCase(java.util.Locale.ROOT);
        if (!PERIODS.contains(normalised)) {
            throw new IllegalArgumentException("period must be one of " + String.join(", ", PERIODS));
        }
        Leaderboard board = recent.get(new Key(normalised, generations.readable(LeaderboardProjection.NAME)));
        return new Leaderboard(board.period(), board.since(),
                board.givers().subList(0, Math.min(limit, board.givers().size())));
    }

    private Leaderboard compute(Key key, Instant since, int limit) {
        MongoCollection<Document> helps = generations.generation(key.generation()).get(LeaderboardProjection.HELPS);
        Bson verified = since == null ? new Document() : Filters.gte(VerifiedHelp.VERIFIED_AT, Date.from(since));
        // bounded batches: a period of a large community is read a thousand at a time, so the database serves
        // other queries in between (docs/benchmarks.md: one unbatched read stalled every screen at 1M events)
        List<VerifiedHelp> helped = helps.find(verified).batchSize(1000).map(VerifiedHelp::of).into(new ArrayList<>());
        List<VerifiedHelp.Rank> ranks = VerifiedHelp.rank(helped, limit);
        Map<String, String> names = profiles.displayNames(ranks.stream().map(VerifiedHelp.Rank::giverId).toList());
        List<Giver> givers = new ArrayList<>();
        for (VerifiedHelp.Rank rank : ranks) {
            givers.add(new Giver(givers.size() + 1, rank.giverId(), names.get(rank.giverId()), rank.verifiedHelp(),
                    rank.uniqueBeneficiaries()));
        }
        return new Leaderboard(key.period(), since, givers);
    }

    private Instant since(String period) {
        return "ALL".equals(period) ? null : clock.instant().minus(Duration.parse(period));
    }
}
