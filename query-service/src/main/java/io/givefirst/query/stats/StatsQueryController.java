package io.givefirst.query.stats;

import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.ReadModelCollections;
import com.mongodb.client.model.Filters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Stats", description = "What a member gave and received, in numbers")
class StatsQueryController {
    private final ReadModelCollections collections;
    private static final List<String> COUNTERS = List.of("helpGiven", "helpGivenVerified", "helpGivenDisputed",
            "helpReceived", "helpReceivedVerified", "peopleHelped", "introductionsMade", "introductionsFruitful",
            "meetings", "followUps", "cardRequestsReceived");

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
        // a find by _id, counted here: an aggregation $match is a collection scan on a MongoDB-wire server without
        // a query planner (docs/benchmarks.md), and the sets of one member are a few kilobytes
        Document stats = collections.get(MemberStatsProjection.STATS).find(Filters.eq("_id", memberId)).first();
        Document n = new Document();
        for (String counter : COUNTERS) {
            List<Object> ids = stats == null ? null : stats.getList(counter, Object.class);
            n.append(counter, ids == null ? 0 : ids.size());
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
