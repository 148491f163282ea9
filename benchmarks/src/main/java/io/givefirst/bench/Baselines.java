package io.givefirst.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.givefirst.local.infra.TopicReader;
import org.bson.Document;

/**
 * The bare limits of the parts, on the same broker and the same MongoDB-wire server as the platform, in the same
 * run: what the platform's figures are compared with.
 */
final class Baselines {
    static final String TOPIC = "givefirst.events";
    private final BenchStack stack;
    private final MongoClient mongo;

    Baselines(BenchStack stack, MongoClient mongo) {
        this.stack = stack;
        this.mongo = mongo;
    }

    /**
     * Appends copies of the event store's own documents into a fresh collection with the store's indexes, one
     * insert per event from {@code writers} threads (as the command side appends them). Events per second.
     */
    double rawAppends(List<Document> events, int writers) throws Exception {
        MongoCollection<Document> source = mongo.getDatabase("givefirst-commands").getCollection("domainevents");
        MongoCollection<Document> target = mongo.getDatabase("bench-baseline").getCollection("domainevents");
        target.drop();
        for (Document index : source.listIndexes()) {
            if (!"_id_".equals(index.getString("name"))) {
                target.createIndex((Document) index.get("key"),
                        new IndexOptions().unique(Boolean.TRUE.equals(index.get("unique"))));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            done.add(pool.submit(() -> {
                for (int n = next.getAndIncrement(); n < events.size(); n = next.getAndIncrement()) {
                    Document copy = new Document(events.get(n));
                    copy.remove("_id");
                    target.insertOne(copy);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return events.size() / seconds;
    }

    /** The first {@code count} records of the live topic, as they are (key, value, headers). */
    List<ConsumerRecord<String, byte[]>> readTopic(long count) {
        try (TopicReader reader = new TopicReader(stack.bootstrapServers(), TOPIC)) {
            List<ConsumerRecord<String, byte[]>> records = reader.poll();
            while (records.size() < count) {
                records = reader.poll();
            }
            return records.subList(0, (int) count);
        }
    }

    /** A bare producer with the relay's settings (acks=all, idempotent) sends the same records. Records/s. */
    double bareProducer(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        String topic = "bench.bare-producer";
        createTopic(topic, 3);
        try (KafkaProducer<String, byte[]> producer = producer()) {
            long start = System.nanoTime();
            for (ConsumerRecord<String, byte[]> record : records) {
                ProducerRecord<String, byte[]> copy = new ProducerRecord<>(topic, record.key(), record.value());
                for (Header header : record.headers()) {
                    copy.headers().add(header);
                }
                producer.send(copy);
            }
            producer.flush();
            return records.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Produce → consume round trips at {@code rate}/s: the time from send to the consumer holding the record. */
    Latencies roundTrips(double rate, Duration duration) throws Exception {
        String topic = "bench.round-trip";
        createTopic(topic, 1);
        Latencies latencies = new Latencies();
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaProducer<String, byte[]> producer = producer(); KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            Thread reader = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                            latencies.recordNanos(System.nanoTime() - Long.parseLong(record.key()));
                        }
                    } catch (org.apache.kafka.common.errors.InterruptException e) {
                        return;
                    }
                }
            }, "round-trip-reader");
            reader.start();
            OpenLoop.run(rate, duration, 4, intended ->
                    producer.send(new ProducerRecord<>(topic, Long.toString(System.nanoTime()), new byte[200])));
            long expected = Math.round(rate * duration.toSeconds());
            for (int i = 0; i < 100 && latencies.count() < expected; i++) {
                Thread.sleep(100);
            }
            reader.interrupt();
            reader.join();
        }
        return latencies;
    }

    /**
     * Reads the whole live topic from the start and bulk-writes one document per event (upsert by event id), one
     * bulk per poll of 2 000 records — the least any rebuild must do. Events/s.
     */
    double bareConsumeAndWrite(long events) {
        MongoCollection<Document> target = mongo.getDatabase("bench-baseline").getCollection("rebuild");
        target.drop();
        long written = 0;
        long start = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (written < events) {
                List<WriteModel<Document>> writes = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String id = header(record, "ce_id");
                    writes.add(new ReplaceOneModel<>(Filters.eq("_id", id), new Document("_id", id)
                            .append("type", header(record, "ce_type")).append("subject", record.key())
                            .append("time", header(record, "ce_time")), new ReplaceOptions().upsert(true)));
                }
                if (!writes.isEmpty()) {
                    target.bulkWrite(writes);
                    written += writes.size();
                }
            }
        }
        return written / ((System.nanoTime() - start) / 1e9);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The live topic's end offset of each partition. */
    Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            return consumer.endOffsets(partitions(consumer));
        }
    }

    /** The live topic's end offsets, summed: how many records it holds. */
    long topicSize() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            return consumer.endOffsets(partitions(consumer)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        return consumer.partitionsFor(TOPIC).stream().map(p -> new TopicPartition(TOPIC, p.partition())).toList();
    }
}
