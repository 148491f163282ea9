package io.givefirst.local.infra.mongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the file backend writes a collection's documents into H2: as BSON, MongoDB's own encoding, with the
 * server's wire codec. H2's default (its {@code ObjectDataType}) writes a document with Java serialisation, a new
 * object stream with its class descriptors for every document — several times larger and slower, on every page
 * H2 rewrites and every page it reads back (docs/benchmarks.md, "Documents stored as BSON").
 * <p>
 * Values written before are read as they were: a BSON value starts with {@link #BSON}, a tag H2's default never
 * writes, and anything else is handed to H2's default, so a store written by an earlier build opens and its pages
 * turn into BSON as H2 rewrites them. A document the wire codec cannot encode (no such value reaches the server
 * over the wire) is written the old way rather than lost.
 */
final class BsonDocuments extends BasicDataType<Document> {
    static final BsonDocuments INSTANCE = new BsonDocuments();

    /** Outside the tags of H2's {@code ObjectDataType} (0–19, 32–49, 64–119). */
    static final byte BSON = 126;
    /** Java objects of a document take about this many times its BSON bytes; H2 sizes its pages and cache by it. */
    private static final int HEAP_PER_BSON_BYTE = 4;

    private final ObjectDataType earlier = new ObjectDataType();
    private volatile int averageSize = 256;

    private BsonDocuments() {
    }

    @Override
    public int getMemory(Document document) {
        return HEAP_PER_BSON_BYTE * averageSize;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf bson = Unpooled.buffer(averageSize + 64);
        try {
            BsonEncoder.encodeDocument(document, bson);
        } catch (RuntimeException notBson) {
            bson.release();
            earlier.write(buffer, document);
            return;
        }
        int size = bson.readableBytes();
        averageSize = (averageSize * 15 + size) / 16;
        buffer.put(BSON).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), size);
        bson.release();
    }

    @Override
    public Document read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON) {
            return (Document) earlier.read(buffer);
        }
        buffer.position(buffer.position() + 1);
        ByteBuf bson = Unpooled.wrappedBuffer(buffer.duplicate());
        Document document = BsonDecoder.decodeBson(bson);
        buffer.position(buffer.position() + bson.readerIndex());
        return document;
    }

    /** Documents are values, never keys: H2 compares them only to ask whether a value is still the same one. */
    @Override
    public int compare(Document a, Document b) {
        return a.equals(b) ? 0 : 1;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
