package io.givefirst.shared.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.givefirst.local.infra.MongoWireServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two instances of a service, each with its own client and proxy manager, drawing on one member's bucket. */
class MongoBucketsTest {
    private static MongoWireServer server;
    private static MongoClient first;
    private static MongoClient second;

    @BeforeAll
    static void start() {
        server = MongoWireServer.inMemory().start();
        first = MongoClients.create(server.uri(""));
        second = MongoClients.create(server.uri(""));
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        server.close();
    }

    private static BucketProxy bucket(MongoDatabase database, String key) {
        return new MongoBuckets(database).builder().build(key, () -> BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(10).refillGreedy(10, Duration.ofHours(1))).build());
    }

    @Test
    void twoInstancesRacingForOneBucketGrantExactlyItsCapacityBetweenThem() throws Exception {
        BucketProxy onFirst = bucket(first.getDatabase("limits"), "writes:alice");
        BucketProxy onSecond = bucket(second.getDatabase("limits"), "writes:alice");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            BucketProxy instance = i % 2 == 0 ? onFirst : onSecond;
            tries.add(pool.submit(() -> instance.tryConsume(1)));
        }
        int granted = 0;
        for (Future<Boolean> attempt : tries) {
            granted += attempt.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(granted).isEqualTo(10);
        assertThat(bucket(first.getDatabase("limits"), "writes:bob").tryConsume(1)).as("another member's bucket")
                .isTrue();
    }
}
