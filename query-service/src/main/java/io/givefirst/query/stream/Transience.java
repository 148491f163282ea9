package io.givefirst.query.stream;

import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Whether a failure to apply a record says something about the infrastructure (MongoDB or Kafka away, a primary
 * stepping down: retry for as long as it takes) or about the record (retry a few times, then park it as a dead
 * letter). Anything not known to be transient counts as the record's: a record parked by mistake can be retried
 * from {@code /admin/dead-letters}, a poison record retried for ever stalls its partition.
 */
public final class Transience {
    private Transience() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MongoSocketException || t instanceof MongoTimeoutException
                    || t instanceof MongoNotPrimaryException || t instanceof MongoNodeIsRecoveringException
                    || t instanceof MongoExecutionTimeoutException || t instanceof MongoInterruptedException
                    || t instanceof RetriableException) {
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
