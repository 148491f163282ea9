package io.givefirst.command.config;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Retries a command that lost a race on its aggregate (the store's unique (aggregate, sequence) index said no):
 * the retry loads the aggregate again, with the winner's events, and re-checks every rule. Anything else —
 * above all a broken rule — is never retried. After {@value #MAX_RETRIES} lost races the client gets 409.
 * Not Axon's {@code ExponentialBackOffIntervalRetryScheduler}: it retries every failure unless some cause in its
 * chain is flagged non-transient, and a lost race wraps causes that are not; here one kind only is retried.
 */
final class ConflictRetry implements RetryScheduler {
    static final int MAX_RETRIES = 5;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "command-conflict-retry");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable dispatchTask) {
        if (!lostARace(lastFailure) || failures.size() > MAX_RETRIES) {
            return false;
        }
        long backoff = 10L * failures.size() + ThreadLocalRandom.current().nextLong(10);
        executor.schedule(dispatchTask, backoff, TimeUnit.MILLISECONDS);
        return true;
    }

    private static boolean lostARace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    void shutdown() {
        executor.shutdownNow();
    }
}
