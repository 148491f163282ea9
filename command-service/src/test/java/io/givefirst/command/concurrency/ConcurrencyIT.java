package io.givefirst.command.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import io.givefirst.command.support.ApiTestBase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Twenty commands at once on one aggregate: every one is recorded exactly once, in one gap-free sequence. */
class ConcurrencyIT extends ApiTestBase {
    private static final int N = 20;

    private List<HttpResponse<String>> atOnce(IntFunction<HttpResponse<String>> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(N);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                int n = i;
                Callable<HttpResponse<String>> task = () -> {
                    start.await();
                    return request.apply(n);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Long> sequencesOf(String aggregateId) {
        return storedEvents().find(Filters.eq("aggregateIdentifier", aggregateId))
                .map(d -> ((Number) d.get("sequenceNumber")).longValue()).into(new ArrayList<>());
    }

    @Test
    void twentyNeedsPostedAtOnceAreAllRecordedOnce() throws Exception {
        String alice = joined("Alice");
        List<HttpResponse<String>> responses = atOnce(n ->
                http.post("/members/me/needs", token(alice), "{\"description\":\"need " + n + "\"}"));

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(201));
        assertThat(sequencesOf(alice)).containsExactlyInAnyOrderElementsOf(
                java.util.stream.LongStream.rangeClosed(0, N).boxed().toList());
        assertThat(storedEvents().countDocuments(Filters.and(Filters.eq("aggregateIdentifier", alice),
                Filters.regex("payloadType", "NeedPostedEvent$")))).isEqualTo(N);
    }

    @Test
    void twentyMembersAskingForOneCardAtOnceAreAllRecorded() throws Exception {
        String bob = joined("Bob");
        List<String> askers = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            askers.add(joined("Asker"));
        }
        List<HttpResponse<String>> responses = atOnce(n ->
                http.post("/members/" + bob + "/card-requests", token(askers.get(n)), null));

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(201));
        List<Document> requests = storedEvents().find(Filters.and(Filters.eq("aggregateIdentifier", bob),
                Filters.regex("payloadType", "CardRequestedEvent$"))).into(new ArrayList<>());
        assertThat(requests).hasSize(N);
        assertThat(sequencesOf(bob)).doesNotHaveDuplicates().hasSize(N + 1);
    }
}
