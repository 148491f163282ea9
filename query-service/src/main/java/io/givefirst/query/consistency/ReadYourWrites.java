package io.givefirst.query.consistency;

import com.mongodb.MongoException;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.AppliedPositions;
import io.givefirst.query.stream.Projection;
import io.givefirst.shared.consistency.ConsistencyToken;
import io.givefirst.shared.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Read your own writes: a query that sends the {@code Consistency-Token} a write answered is answered only once
 * every read model it reads ({@link ReadsFrom}) has applied that write — in the live generation, as recorded in
 * MongoDB ({@link AppliedPositions}), so whichever instance applied it and whichever answers, the answer reflects
 * the write. After {@code givefirst.consistency.wait} (default 5 s) it answers 503 {@code consistency-not-reached}
 * with {@code Retry-After} rather than stale data. Waiting holds a request thread, so at most
 * {@code givefirst.consistency.max-waiting} queries wait at once; more answer 503 at once.
 */
@Component
public class ReadYourWrites implements HandlerInterceptor, WebMvcConfigurer {
    private final Generations generations;
    private final Set<String> projections;
    private final Duration wait;
    private final Semaphore waiting;
    private final RetryTemplate polls;

    public ReadYourWrites(Generations generations, List<Projection> projections,
                          @Value("${givefirst.consistency.wait:PT5S}") Duration wait,
                          @Value("${givefirst.consistency.max-waiting:64}") int maxWaiting) {
        this.generations = generations;
        this.projections = projections.stream().map(Projection::name).collect(Collectors.toSet());
        this.wait = wait;
        this.waiting = new Semaphore(maxWaiting);
        // Spring's retry with a deadline: polls MongoDB, soon at first, then every 100 ms, until the token is applied
        this.polls = new RetryTemplate(RetryPolicy.builder().maxRetries(Long.MAX_VALUE).timeout(wait)
                .delay(Duration.ofMillis(5)).multiplier(2).maxDelay(Duration.ofMillis(100))
                .includes(NotYetApplied.class, MongoException.class).build());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        String header = request.getHeader(ConsistencyToken.HEADER);
        if (header == null || !(handler instanceof HandlerMethod method)) {
            return true;
        }
        ReadsFrom reads = method.hasMethodAnnotation(ReadsFrom.class) ? method.getMethodAnnotation(ReadsFrom.class)
                : method.getBeanType().getAnnotation(ReadsFrom.class);
        if (reads == null) {
            return true; // answers from no read model (schemas, admin views): always as current as it gets
        }
        ConsistencyToken token;
        try {
            token = ConsistencyToken.parse(header);
        } catch (ConsistencyToken.InvalidToken invalid) {
            Problems.write(response, 400, "invalid-consistency-token", "Invalid consistency token", invalid.getMessage());
            return false;
        }
        if (!waiting.tryAcquire()) {
            return notYet(response, "too many queries are waiting for their writes; retry shortly");
        }
        try {
            polls.execute(() -> awaited(readModels(reads), token));
            return true;
        } catch (RetryException timedOut) {
            if (timedOut.getCause() instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                Thread.currentThread().interrupt();
            }
            return notYet(response, "the read model has not yet applied the write this Consistency-Token names"
                    + " (waited " + wait + "); retry shortly");
        } finally {
            waiting.release();
        }
    }

    private Set<String> readModels(ReadsFrom reads) {
        Set<String> names = new LinkedHashSet<>(List.of(reads.value()));
        if (!projections.containsAll(names)) {
            throw new IllegalStateException("@ReadsFrom names a projection that does not exist: " + names);
        }
        return names;
    }

    private Void awaited(Set<String> readModels, ConsistencyToken token) {
        for (String projection : readModels) {
            if (!AppliedPositions.reached(generations.liveOf(projection).get(AppliedPositions.collectionOf(projection)),
                    token.positions())) {
                throw new NotYetApplied();
            }
        }
        return null;
    }

    private static boolean notYet(HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        Problems.write(response, 503, "consistency-not-reached", "Not yet consistent", detail);
        return false;
    }

    /** The read model has not applied the token yet: poll again. */
    private static final class NotYetApplied extends RuntimeException {
        NotYetApplied() {
            super(null, null, false, false);
        }
    }
}
