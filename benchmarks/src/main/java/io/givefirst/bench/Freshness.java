package io.givefirst.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Freshness probes: a member gives help and polls their contribution history until it shows; the time from the
 * command's answer to the first read that shows it. A bare consumer tails the topic meanwhile, so each probe's
 * time splits into the part until its event reached a Kafka consumer (the relay, and Kafka's own round trip) and
 * the query side's part (from there until a read shows it).
 */
final class Freshness {
    static final String PROBE = "bench-probe";
    final Latencies latencies = new Latencies();
    final Latencies relayPart = new Latencies();
    final Latencies queryPart = new Latencies();
    private final Api api;
    private final List<String> members;
    private final Map<String, long[]> probes = new ConcurrentHashMap<>();
    private final Map<String, Long> onTopic = new ConcurrentHashMap<>();
    private volatile boolean probing;

    Freshness(Api api, List<String> members) {
        this.api = api;
        this.members = members;
    }

    /** Probes at {@code rate} for {@code duration} while {@code consumer} tails the topic from {@code from}. */
    void probe(double rate, Duration duration, KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> from)
            throws InterruptedException {
        probing = true;
        Thread tail = new Thread(() -> tail(consumer, from, duration.plusSeconds(30)), "freshness-tail");
        tail.start();
        try {
            probe(rate, duration);
        } finally {
            probing = false;
        }
        tail.join();
        probes.forEach((helpId, times) -> {
            Long seen = onTopic.get(helpId);
            if (seen != null) {
                relayPart.recordNanos(Math.max(0, seen - times[0]));
                queryPart.recordNanos(Math.max(0, times[1] - seen));
            }
        });
    }

    private void tail(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> from, Duration duration) {
        consumer.assign(from.keySet());
        from.forEach(consumer::seek);
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end && (probing || !onTopic.keySet().containsAll(probes.keySet()))) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(5))) {
                onTopic.putIfAbsent(record.key(), System.nanoTime());
            }
        }
    }

    private void probe(double rate, Duration duration) {
        long period = (long) (1e9 / rate);
        long end = System.nanoTime() + duration.toNanos();
        for (long next = System.nanoTime(); next < end; next += period) {
            LockSupport.parkNanos(next - System.nanoTime());
            String receiver = members.get(ThreadLocalRandom.current().nextInt(members.size()));
            Api.Reply given = api.command(PROBE, "/help", "{\"receiverId\":\"" + receiver
                    + "\",\"kind\":\"RESOURCE\",\"summary\":\"Sent a reading list\"}");
            long acknowledged = System.nanoTime();
            if (given.status() != 201) {
                continue;
            }
            String helpId = given.field("helpId");
            long deadline = acknowledged + TimeUnit.MINUTES.toNanos(1);
            while (System.nanoTime() < deadline) {
                if (api.query(PROBE, "/members/" + PROBE + "/contributions?kind=HELP&limit=5").body().contains(helpId)) {
                    latencies.recordSince(acknowledged);
                    probes.put(helpId, new long[] {acknowledged, System.nanoTime()});
                    break;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
        }
    }
}
