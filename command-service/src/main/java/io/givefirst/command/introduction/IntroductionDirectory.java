package io.givefirst.command.introduction;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.givefirst.command.config.LookupWrites;
import io.givefirst.command.config.Lookups;
import io.givefirst.events.introduction.IntroductionDeclinedEvent;
import io.givefirst.events.introduction.IntroductionFruitfulEvent;
import io.givefirst.events.introduction.IntroductionMadeEvent;
import io.givefirst.events.introduction.IntroductionOpenedEvent;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The command side's lookup of introductions ({@link Introductions}: which pairs have one pending, whom each one
 * introduced), in MongoDB. Kept in the unit of work that stores the events, like the member directory; who is introduced
 * never changes, the status is written only by a newer event of the introduction than the last one
 * ({@link LookupWrites}).
 */
@Component
@ProcessingGroup(Lookups.PROCESSING_GROUP)
public class IntroductionDirectory implements Introductions {
    private final MongoCollection<Document> introductions;

    public IntroductionDirectory(MongoDatabase commandDatabase) {
        this.introductions = commandDatabase.getCollection("introduction_directory");
        introductions.createIndex(Indexes.ascending("pair", "status"));
    }

    @EventHandler
    public void on(IntroductionMadeEvent event, @SequenceNumber long sequence) {
        introductions.updateOne(Filters.eq("_id", event.introductionId()), Updates.combine(
                        Updates.set("first", event.firstMemberId()), Updates.set("second", event.secondMemberId()),
                        Updates.set("pair", Introductions.pair(event.firstMemberId(), event.secondMemberId()))),
                new UpdateOptions().upsert(true));
        setStatus(event.introductionId(), sequence, Status.PENDING);
    }

    @EventHandler
    public void on(IntroductionOpenedEvent event, @SequenceNumber long sequence) {
        setStatus(event.introductionId(), sequence, Status.OPEN);
    }

    @EventHandler
    public void on(IntroductionDeclinedEvent event, @SequenceNumber long sequence) {
        setStatus(event.introductionId(), sequence, Status.DECLINED);
    }

    @EventHandler
    public void on(IntroductionFruitfulEvent event, @SequenceNumber long sequence) {
        setStatus(event.introductionId(), sequence, Status.FRUITFUL);
    }

    private void setStatus(String introductionId, long sequence, Status status) {
        LookupWrites.ifNewer(introductions, introductionId, "statusSequence", sequence, Updates.set("status", status.name()));
    }

    @Override
    public boolean hasPending(String one, String other) {
        return introductions.find(Filters.and(Filters.eq("pair", Introductions.pair(one, other)),
                Filters.eq("status", Status.PENDING.name()))).limit(1).first() != null;
    }

    @Override
    public Optional<Entry> find(String introductionId) {
        return Optional.ofNullable(introductions.find(Filters.eq("_id", introductionId)).limit(1).first())
                .filter(d -> d.getString("first") != null)
                .map(d -> new Entry(d.getString("_id"), d.getString("first"), d.getString("second"),
                        Status.valueOf(d.getString("status"))));
    }
}
