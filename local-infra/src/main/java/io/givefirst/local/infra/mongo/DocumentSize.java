package io.givefirst.local.infra.mongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.wire.BsonConstants;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * MongoDB refuses a document larger than 16 MiB of BSON, as an insert (code 10334) or as the result of an update
 * (code 17419); mongo-java-server stores it. The primary-key index of every collection checks this before a
 * document is added or changed, so that a read model that would outgrow the limit fails here as it would in
 * production.
 */
final class DocumentSize {
    static final int MAX = BsonConstants.MAX_BSON_OBJECT_SIZE;

    private DocumentSize() {
    }

    static int of(Document document) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(document, buffer);
            return buffer.writerIndex();
        } finally {
            buffer.release();
        }
    }

    static void checkInsert(Document document) {
        int size = of(document);
        if (size > MAX) {
            throw new MongoServerError(10334, "BSONObjectTooLarge",
                    "object to insert too large. size in bytes: " + size + ", max size: " + MAX);
        }
    }

    static void checkUpdate(Document document) {
        int size = of(document);
        if (size > MAX) {
            throw new MongoServerError(17419, "Location17419",
                    "Resulting document after update is larger than " + MAX);
        }
    }
}
