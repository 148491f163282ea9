package io.givefirst.local.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/** What the file backend writes for a document is read back as the same document, whichever build wrote it. */
class BsonDocumentsTest {
    /** Random documents as the server holds them: sent by the driver, decoded by the server's wire codec. */
    @Provide
    Arbitrary<List<Document>> received() {
        Values values = Values.all();
        Arbitrary<org.bson.Document> sent = Combinators.combine(values.scalar(), values.any(), values.any(), values.any(),
                values.any(), values.any()).as((id, a, b, c, x, y) -> new org.bson.Document("_id", id).append("a", a)
                .append("b", b).append("c", c).append("n", new org.bson.Document("x", x).append("y", Arrays.asList(y, a))));
        return sent.map(BsonDocumentsTest::asReceived).list().ofMinSize(1).ofMaxSize(4);
    }

    private static Document asReceived(org.bson.Document sent) {
        ByteBuffer bytes = new RawBsonDocument(sent, new DocumentCodec()).getByteBuffer().asNIO();
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }

    /** Writes the documents one after another into one buffer, as H2 writes a page, and reads them back. */
    private static List<Document> roundTrip(List<Document> documents, boolean earlierFormat) {
        WriteBuffer page = new WriteBuffer();
        ObjectDataType earlier = new ObjectDataType();
        for (Document document : documents) {
            if (earlierFormat) {
                earlier.write(page, document);
            } else {
                BsonDocuments.INSTANCE.write(page, document);
            }
        }
        ByteBuffer written = page.getBuffer().flip();
        List<Document> read = documents.stream().map(d -> BsonDocuments.INSTANCE.read(written)).toList();
        assertThat(written.remaining()).as("bytes left after the last document").isZero();
        return read;
    }

    @Property(tries = 300)
    void everyKindOfValueIsReadBackAsWrittenInTheSameOrderAndOfTheSameType(@ForAll("received") List<Document> documents) {
        List<Document> read = roundTrip(documents, false);

        assertThat(read).isEqualTo(documents);
        assertThat(read.toString()).as("field order and value types").isEqualTo(documents.toString());
    }

    @Property(tries = 50)
    void documentsWrittenByAnEarlierBuildWithJavaSerialisationAreStillRead(@ForAll("received") List<Document> documents) {
        assertThat(roundTrip(documents, true)).isEqualTo(documents);
    }

    @Example
    void aDocumentTheWireCodecCannotEncodeIsKeptTheEarlierWayRatherThanLost() {
        Document odd = new Document("_id", 1).append("ratio", 0.5f).append("n", new Document("x", (short) 3));
        WriteBuffer page = new WriteBuffer();

        BsonDocuments.INSTANCE.write(page, odd);

        ByteBuffer written = page.getBuffer().flip();
        assertThat(written.get(0)).isNotEqualTo(BsonDocuments.BSON);
        assertThat(BsonDocuments.INSTANCE.read(written)).isEqualTo(odd);
    }

    @Example
    void bsonIsSeveralTimesSmallerThanTheJavaSerialisationItReplaces() {
        Document event = new Document("_id", "5f1c0e4e-3c4b-4a8e-9c52-2f0c1d9a7b11").append("aggregateIdentifier", "help-42")
                .append("sequenceNumber", 0L).append("type", "Help").append("timeStamp", "2026-12-03T07:00:00.000Z")
                .append("payloadType", "io.givefirst.events.HelpGivenEvent").append("payloadRevision", "1")
                .append("serializedPayload", "{\"helpId\":\"help-42\",\"giverId\":\"m-1\",\"receiverId\":\"m-2\"}")
                .append("relayed", false);
        WriteBuffer bson = new WriteBuffer();
        WriteBuffer serialised = new WriteBuffer();

        BsonDocuments.INSTANCE.write(bson, event);
        new ObjectDataType().write(serialised, event);

        assertThat(bson.position() * 2).isLessThan(serialised.position());
    }
}
