package io.givefirst.query.stats;

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
    private static final List<String> COUNTERS = List.of("helpGiven", "helpGivenVerified", "helpGivenDisputed",
            "helpReceived", "helpReceivedVerified", "peopleHelped", "introductionsMade", "introductionsFruitful",
            "meetings", "followUps", "cardRequestsReceived");

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
        List<Document> months = collections.get(MemberStatsProjection.STATS).find(Filters.eq("memberId", memberId))
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
        int given = n.getInteger("helpGiven", 0);
        int verified = n.getInteger("helpGivenVerified", 0);
        int disputed = n.getInteger("helpGivenDisputed", 0);
        return new Stats(memberId, new HelpGiven(verified, Math.max(0, given - verified - disputed), disputed),
                new HelpReceived(n.getInteger("helpReceived", 0), n.getInteger("helpReceivedVerified", 0)),
                n.getInteger("peopleHelped", 0), n.getInteger("introductionsMade", 0),
                n.getInteger("introductionsFruitful", 0), n.getInteger("meetings", 0), n.getInteger("followUps", 0),
                n.getInteger("cardRequestsReceived", 0));
    }
}
