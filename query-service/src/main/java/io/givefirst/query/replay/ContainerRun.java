package io.givefirst.query.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * One run of a listener container that stops itself: started once, asked to stop once (from its own consumer
 * thread, so without waiting), and known to have ended when the container says so.
 */
final class ContainerRun {
    private final CompletableFuture<Instant> ended = new CompletableFuture<>();
    private final AtomicBoolean ending = new AtomicBoolean();
    private volatile MessageListenerContainer container;

    void start(MessageListenerContainer container) {
        this.container = container;
        container.start();
    }

    /** Asks the container to stop, once; {@link #ended} is true once it has. */
    void end() {
        if (!ending.compareAndSet(false, true)) {
            return;
        }
        MessageListenerContainer running = container;
        if (running == null) {
            stopped();
        } else {
            running.stop(this::stopped);
        }
    }

    /** Whether a stop was asked for, or the container stopped on its own. */
    boolean stopping() {
        MessageListenerContainer running = container;
        return ending.get() || running != null && !running.isRunning();
    }

    /** The container's consumer has ended. */
    void stopped() {
        ended.complete(Instant.now());
    }

    boolean ended() {
        return ended.isDone();
    }

    /** When it ended, or null. */
    Instant endedAt() {
        return ended.getNow(null);
    }

    /** Waits for the end; false when it had not ended within the time. */
    boolean awaitEnd(Duration within) {
        try {
            ended.get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** This instance stops: stops the container and waits for it (the lease then lapses; another instance takes over). */
    void halt() {
        MessageListenerContainer running = container;
        if (running != null) {
            running.stop();
        }
        stopped();
    }
}
