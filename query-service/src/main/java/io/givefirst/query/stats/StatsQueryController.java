package io.givefirst.query.stats;

import static io.givefirst.query.stats.StatsFields.CARD_REQUESTS_RECEIVED;
import static io.givefirst.query.stats.StatsFields.FOLLOW_UPS;
import static io.givefirst.query.stats.StatsFields.HELP_GIVEN;
import static io.givefirst.query.stats.StatsFields.HELP_GIVEN_DISPUTED;
import static io.givefirst.query.stats.StatsFields.HELP_GIVEN_VERIFIED;
import static io.givefirst.query.stats.StatsFields.HELP_RECEIVED;
import static io.givefirst.query.stats.StatsFields.HELP_RECEIVED_VERIFIED;
import static io.givefirst.query.stats.StatsFields.INTRODUCTIONS_FRUITFUL;
import static io.givefirst.query.stats.StatsFields.INTRODUCTIONS_MADE;
import static io.givefirst.query.stats.StatsFields.MEETINGS;
import static io.givefirst.query.stats.StatsFields.MEMBER_ID;
import static io.givefirst.query.stats.StatsFields.PEOPLE_HELPED;

import io.givefirst.query.consistency.ReadsFrom;
import io.givefirst.query.privacy.MemberData;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.ReadModelCollections;
import com.mongodb.client.model.Filters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@ReadsFrom(MemberStatsProjection.NAME)
@Tag(name = "Stats", description = "What a member gave and received, in numbers")
class StatsQueryController implements MemberData {
    private final ReadModelCollections collections;
    private static final List<String> COUNTERS = List.of(HELP_GIVEN, HELP_GIVEN_VERIFIED, HELP_GIVEN_DISPUTED,
            HELP_RECEIVED, HELP_RECEIVED_VERIFIED, PEOPLE_HELPED, INTRODUCTIONS_MADE, INTRODUCTIONS_FRUITFUL,
            MEETINGS, FOLLOW_UPS, CARD_REQUESTS_RECEIVED);

    @Override
    public String section() {
        return "stats";
    }

    @Override
    public Object of(String memberId) {
        return stats(memberId);
    }

    StatsQueryController(Generations generations) {
        this.collections = generations.liveOf(MemberStatsProjection.NAME);
    }

    record HelpGiven(int verified, int claimed, int disputed) {
    }

    record HelpReceived(int total, int verified) {
    }

    /**
     * {@code helpGiven.claimed}: recorded by the member, not (yet) acknowledged by its receiver — it counts for
     * less. {@code meetings}: confirmed meetings only. {@code uniquePeopleHelped}: distinct receivers of verified help.
     */
    record Stats(String memberId, HelpGiven helpGiven, HelpReceived helpReceived, int uniquePeopleHelped,
                 int introductionsMade, int introductionsFruitful, int meetings, int followUps,
                 int cardRequestsReceived) {
    }

    @Operation(summary = "A member's stats: help given (verified / claimed), received, people helped, introductions, meetings, follow-ups, card requests")
    @GetMapping("/members/{memberId}/stats")
    Stats stats(@PathVariable String memberId) {
        // the member's months, counted here: each counter is the union of its sets over the months
        Map<String, Set<Object>> sets = new HashMap<>();
        List<Document> months = collections.get(MemberStatsProjection.STATS).find(Filters.eq(MEMBER_ID, memberId))
                .into(new java.util.ArrayList<>());
        if (months.isEmpty()) {
            // shape 1 (one document per member) still answers until the rebuild into shape 2 is live
            Document whole = collections.get(MemberStatsProjection.STATS).find(Filters.eq("_id", memberId)).first();
            months = whole == null ? List.of() : List.of(whole);
        }
        months.forEach(month -> {
            for (String counter : COUNTERS) {
                List<Object> ids = month.getList(counter, Object.class);
                if (ids != null) {
                    sets.computeIfAbsent(counter, c -> new HashSet<>()).addAll(ids);
                }
            }
        });
        Document n = new Document();
        for (String counter : COUNTERS) {
            n.append(counter, sets.getOrDefault(counter, Set.of()).size());
        }
        int given = n.getInteger(HELP_GIVEN, 0);
        int verified = n.getInteger(HELP_GIVEN_VERIFIED, 0);
        int disputed = n.getInteger(HELP_GIVEN_DISPUTED, 0);
        return new Stats(memberId, new HelpGiven(verified, Math.max(0, given - verified - disputed), disputed),
                new HelpReceived(n.getInteger(HELP_RECEIVED, 0), n.getInteger(HELP_RECEIVED_VERIFIED, 0)),
                n.getInteger(PEOPLE_HELPED, 0), n.getInteger(INTRODUCTIONS_MADE, 0),
                n.getInteger(INTRODUCTIONS_FRUITFUL, 0), n.getInteger(MEETINGS, 0), n.getInteger(FOLLOW_UPS, 0),
                n.getInteger(CARD_REQUESTS_RECEIVED, 0));
    }
}
