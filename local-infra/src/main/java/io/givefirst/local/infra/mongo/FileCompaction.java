package io.givefirst.local.infra.mongo;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded server's H2 file close to the size of its data. MVStore writes every change into new chunks
 * and its own background compaction rewrites only a little per second while the store is busy: under the
 * platform's steady updates of large read-model documents the file grew to 11 GB at 100 000 events and 40 GB at
 * 1 000 000 (a few % live). So, while less than {@link #TARGET_FILL_PERCENT} of the chunks is live, this rewrites
 * and moves chunks for at most {@link #SLICE} at a time (MVStore's own {@code compactFile}), which also
 * shrinks the file. Own scheduling, because H2 has no setting for how much its background thread may compact.
 */
final class FileCompaction implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FileCompaction.class);
    /** Below this share of live bytes in the chunks the file is compacted (right after a compaction it is about 50). */
    static final int TARGET_FILL_PERCENT = 40;
    private static final Duration SLICE = Duration.ofMillis(500);
    private static final Duration EVERY = Duration.ofSeconds(5);

    private final MVStore store;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "mongo-file-compaction");
        thread.setDaemon(true);
        return thread;
    });

    private FileCompaction(MVStore store) {
        this.store = store;
    }

    /** Starts compacting {@code store} in the background until {@link #close()}. */
    static FileCompaction of(MVStore store) {
        FileCompaction compaction = new FileCompaction(store);
        compaction.executor.scheduleWithFixedDelay(compaction::compactIfSparse, EVERY.toMillis(), EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return compaction;
    }

    /** Compacts one slice when the live part of the chunks is below the target; answers whether it did. */
    boolean compactIfSparse() {
        try {
            if (store.isClosed() || store.getFileStore().getChunksFillRate() >= TARGET_FILL_PERCENT) {
                return false;
            }
            store.compactFile((int) SLICE.toMillis());
            return true;
        } catch (RuntimeException e) {
            // a store closing under the slice, or a busy store: the next round tries again
            log.debug("compaction of the embedded store skipped: {}", e.toString());
            return false;
        }
    }

    /** Stops compacting; a slice under way finishes first, so the store can be closed after this. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
