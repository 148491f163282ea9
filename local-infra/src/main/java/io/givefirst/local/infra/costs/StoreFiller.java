package io.givefirst.local.infra.costs;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Grows the collections of a MongoDB server with copies of their own documents that belong to nobody the platform
 * will ask about: every string in a copy gets a suffix (other members, other aggregates, other processors), every
 * date and every ISO-8601 timestamp moves ten years back (older than any tracking token, so no relay or process
 * reads them), numbers stay, and a copied event is marked relayed (it is history: the relay must not publish it,
 * ADR 12). So the collections grow as a real history would, without changing any answer about
 * the members a test follows — and a query that reads the whole collection shows it.
 */
public final class StoreFiller {
    private static final Duration BACK = Duration.ofDays(3653);
    private static final DateTimeFormatter AXON_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int BATCH = 1000;
    /** The store's flag for an event the relay has yet to publish. */
    private static final String RELAYED = "relayed";
    private static final Set<String> SERVER_DATABASES = Set.of("admin", "config", "local");

    private StoreFiller() {
    }

    /**
     * Copies documents into every collection (but those {@code skip} names, and system collections) until it
     * holds at least {@code target}; answers how many each collection holds afterwards, by
     * {@code database.collection}.
     */
    public static Map<String, Long> growTo(MongoClient client, long target, Set<String> skip) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (String databaseName : client.listDatabaseNames()) {
            if (SERVER_DATABASES.contains(databaseName)) {
                continue;
            }
            MongoDatabase database = client.getDatabase(databaseName);
            for (String name : database.listCollectionNames()) {
                if (!name.startsWith("system.") && !skip.contains(name)) {
                    sizes.put(databaseName + "." + name, grow(database.getCollection(name), target, run));
                }
            }
        }
        return sizes;
    }

    private static long grow(MongoCollection<Document> collection, long target, String run) {
        List<Document> models = collection.find().limit(100).into(new ArrayList<>());
        long size = collection.estimatedDocumentCount();
        long copy = 0;
        long before = -1;
        while (size < target && !models.isEmpty() && size > before) {
            before = size;
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < BATCH && size + batch.size() < target; i++, copy++) {
                batch.add((Document) elsewhere(models.get((int) (copy % models.size())), "~" + run + "." + copy, copy));
            }
            try {
                collection.insertMany(batch, new InsertManyOptions().ordered(false));
            } catch (MongoBulkWriteException duplicates) {
                // a copy that collides with another on a unique key is left out; the next batch makes up for it
            }
            size = collection.estimatedDocumentCount();
        }
        return size;
    }

    private static Object elsewhere(Object value, String suffix, long copy) {
        if (value instanceof Document document) {
            Document moved = new Document();
            document.forEach((key, inner) -> moved.append(key, RELAYED.equals(key) ? Boolean.TRUE : elsewhere(inner, suffix, copy)));
            return moved;
        }
        if (value instanceof List<?> values) {
            return values.stream().map(inner -> elsewhere(inner, suffix, copy)).toList();
        }
        if (value instanceof Date date) {
            return new Date(date.toInstant().minus(BACK).toEpochMilli() - copy);
        }
        if (value instanceof ObjectId) {
            return new ObjectId();
        }
        if (value instanceof String text) {
            Instant instant = timestamp(text);
            return instant == null ? text + suffix : AXON_TIMESTAMP.format(instant.minus(BACK).minusMillis(copy));
        }
        return value;
    }

    private static Instant timestamp(String text) {
        if (text.length() < 20 || text.length() > 35 || text.charAt(4) != '-' || text.charAt(10) != 'T') {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notATimestamp) {
            return null;
        }
    }
}
