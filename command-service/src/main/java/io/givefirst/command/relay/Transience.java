package io.givefirst.command.relay;

import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Whether the relay failed because MongoDB or Kafka is away (retry the page, for as long as it takes) or because
 * of the event itself (park it, {@link RelayDeadLetters}). Unknown failures count as the event's: a parked event is
 * one admin retry away; an event retried for ever stops the relay for every aggregate. (Query-service classifies its
 * projections' failures the same way; a shared home for both is issue 17.)
 */
public final class Transience {
    private Transience() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MongoSocketException || t instanceof MongoTimeoutException
                    || t instanceof MongoNotPrimaryException || t instanceof MongoNodeIsRecoveringException
                    || t instanceof MongoExecutionTimeoutException || t instanceof MongoInterruptedException
                    || t instanceof RetriableException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof InterruptedException) {
                return true;
            }
            if (t instanceof MongoException mongo && (mongo.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                    || mongo.hasErrorLabel("RetryableWriteError"))) {
                return true;
            }
        }
        return false;
    }
}
