package io.givefirst.local.infra.costs;

import com.mongodb.client.MongoClient;
import io.givefirst.local.infra.mongo.QueryLog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** Reads and clears the embedded server's {@link QueryLog} over the wire, as any client could. */
public final class QueryCosts {
    private QueryCosts() {
    }

    /** Every query shape the server saw since it was last cleared, by shape. */
    public static Map<String, QueryLog.Shape> read(MongoClient client) {
        return shapes(client.getDatabase("admin").runCommand(new Document(QueryLog.COMMAND, 1)));
    }

    /** Reads the log and clears it. */
    public static Map<String, QueryLog.Shape> readAndClear(MongoClient client) {
        return shapes(client.getDatabase("admin").runCommand(new Document(QueryLog.COMMAND, 1).append("clear", true)));
    }

    private static Map<String, QueryLog.Shape> shapes(Document reply) {
        Map<String, QueryLog.Shape> shapes = new LinkedHashMap<>();
        for (Document shape : reply.getList("shapes", Document.class, List.of())) {
            shapes.put(shape.getString("shape"), new QueryLog.Shape(shape.getString("shape"), shape.getString("plan"),
                    number(shape, "queries"), number(shape, "maxExamined"), number(shape, "maxReturned"),
                    number(shape, "maxExaminedBeyondReturned")));
        }
        return shapes;
    }

    private static long number(Document document, String field) {
        return ((Number) document.get(field)).longValue();
    }
}
