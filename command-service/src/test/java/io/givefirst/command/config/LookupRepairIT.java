package io.givefirst.command.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import io.givefirst.command.support.ApiTestBase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The lookups are derivable from the store: an entry lost from them comes back with an admin's repair. */
class LookupRepairIT extends ApiTestBase {
    private static final String TOPIC = "givefirst.events";

    @Test
    void aMemberLostFromTheDirectoryIsBackAfterARepairFromTheStore() throws Exception {
        String alice = joined("Alice");
        String bob = joined("Bob");
        // Bob's join on the topic and applied by the feed, so that the feed does not put him back on its own
        await().atMost(Duration.ofSeconds(30)).until(() -> storedEvents().countDocuments(Filters.and(
                Filters.eq("aggregateIdentifier", bob), Filters.eq("relayed", true))) == 1);
        awaitDirectoryFeedCaughtUp();
        mongo.getDatabase(DATABASE).getCollection("member_directory").deleteOne(Filters.eq("_id", bob));
        String help = "{\"receiverId\":\"" + bob + "\",\"kind\":\"IDEA\",\"summary\":\"An idea\"}";
        assertProblem(http.post("/help", token(alice), help), 404, "unknown-member");

        assertThat(http.post("/admin/lookups/repair", token(alice), "").statusCode()).as("members are not admins")
                .isEqualTo(403);
        HttpResponse<String> repaired = http.post("/admin/lookups/repair", stack.issuer.adminTokenFor("ops"), "");

        assertThat(repaired.statusCode()).as(repaired.body()).isEqualTo(200);
        assertThat(body(repaired).get("eventsApplied").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(body(repaired).get("eventsRead").asLong()).isGreaterThanOrEqualTo(body(repaired).get("eventsApplied").asLong());
        HttpResponse<String> helped = http.post("/help", token(alice), help);
        assertThat(helped.statusCode()).as(helped.body()).isEqualTo(201);
    }

    /** Every partition of the topic committed by the feed up to its end (a partition it never committed: 0). */
    private static void awaitDirectoryFeedCaughtUp() {
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", stack.broker.bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<TopicPartition> partitions = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC)
                        .partitions().stream().map(p -> new TopicPartition(TOPIC, p.partition())).toList();
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(DirectoryFeed.GROUP)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(partitions
                        .stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get();
                assertThat(partitions).isNotEmpty().allSatisfy(partition -> assertThat(
                        committed.containsKey(partition) ? committed.get(partition).offset() : 0L)
                        .as(partition.toString()).isEqualTo(ends.get(partition).offset()));
            });
        }
    }
}
