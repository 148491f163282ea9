package io.givefirst.command.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.givefirst.command.support.ApiTestBase;
import io.givefirst.events.member.MemberProfileUpdatedEvent;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The daily quota holds through the running service, not only in the aggregate: a refused command drops the cached
 * aggregate, and the one loaded again from the store must count the same changes.
 */
class DailyQuotasIT extends ApiTestBase {

    @Test
    void aMemberChangesTheProfileTwentyTimesADayAndNoMore() {
        String mallory = joined("Mallory");
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> changed = http.put("/members/me/profile", token(mallory),
                    "{\"displayName\":\"Mallory " + i + "\"}");
            if (i < Member.MAX_PROFILE_CHANGES_PER_DAY) {
                assertThat(changed.statusCode()).as(i + ": " + changed.body()).isEqualTo(200);
            } else {
                assertProblem(changed, 429, "too-many-profile-changes");
            }
        }
        assertThat(storedEvents().countDocuments(Filters.and(Filters.eq("aggregateIdentifier", mallory),
                Filters.eq("payloadType", MemberProfileUpdatedEvent.class.getName()))))
                .isEqualTo(Member.MAX_PROFILE_CHANGES_PER_DAY);
    }
}
