package io.givefirst.command.member;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.givefirst.command.rules.CommandRules;
import io.givefirst.shared.web.RuleViolation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many new records (help, meetings, introductions, needs, offers, follow-ups) each member started today, across every
 * aggregate and every instance: one counter per member and UTC day in {@code member_daily_records}, raised
 * atomically, removed by a TTL index two days later. A member past {@code givefirst.quota.records-per-day} is
 * refused ({@code too-many-records-today}, 429) until the next day: acts cost nothing to repeat, and each one
 * grows the store, the topic and the read models for ever.
 */
@Component
public class DailyRecords {
    private static final Duration KEPT = Duration.ofDays(2);
    private final MongoCollection<Document> counts;
    private final Clock clock;
    private final int perDay;

    DailyRecords(MongoDatabase commandDatabase, Clock clock,
                 @Value("${givefirst.quota.records-per-day:500}") int perDay) {
        this.counts = commandDatabase.getCollection("member_daily_records");
        this.clock = clock;
        this.perDay = perDay;
        counts.createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    }

    /** Counts one more record started by the member now; refused when it would pass the day's quota. */
    public void spend(String memberId) {
        Instant now = clock.instant();
        String id = memberId + "/" + LocalDate.ofInstant(now, ZoneOffset.UTC);
        Document after = counts.findOneAndUpdate(Filters.eq("_id", id),
                Updates.combine(Updates.inc("count", 1), Updates.setOnInsert("expiresAt", Date.from(now.plus(KEPT)))),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        if (after != null && after.getInteger("count", 0) > perDay) {
            throw new RuleViolation(CommandRules.TOO_MANY_RECORDS_TODAY,
                    "at most " + perDay + " new records (help, meetings, introductions, needs, offers, follow-ups) a day; "
                            + "try again tomorrow (UTC)");
        }
    }
}
