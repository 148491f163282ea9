package io.givefirst.query.consistency;

import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import io.givefirst.query.config.QueryRules;
import io.givefirst.query.replay.Generations;
import io.givefirst.query.stream.Projection;
import io.givefirst.query.stream.Watermarks;
import io.givefirst.shared.consistency.ConsistencyToken;
import io.givefirst.shared.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Read your own writes: a query that sends the {@code Consistency-Token} a write answered is answered only once
 * every read model it reads ({@link ReadsFrom}) has applied that write — in the live generation, as recorded in
 * MongoDB, so whichever instance applied it and whichever answers, the answer reflects the write. The token names
 * aggregates and sequence numbers; {@link StreamPositionsProjection} says at which partition and offset each
 * aggregate's events are; each read model's {@link Watermarks} say how far it has got on each partition. After
 * {@code givefirst.consistency.wait} (default 5 s) it answers 503 {@code consistency-not-reached} with
 * {@code Retry-After} rather than stale data. Waiting holds a request thread, so at most
 * {@code givefirst.consistency.max-waiting} queries wait at once; more answer 503 at once.
 */
@Component
public class ReadYourWrites implements HandlerInterceptor, WebMvcConfigurer {
    private final Generations generations;
    private final Set<String> projections;
    /** Each handler's {@link ReadsFrom}, resolved once (and checked for every handler at start). */
    private final Map<Method, Set<String>> readModels = new ConcurrentHashMap<>();
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
        Set<String> reads = readModels(method);
        if (reads.isEmpty()) {
            return true; // answers from no read model (schemas, admin views): always as current as it gets
        }
        ConsistencyToken token;
        try {
            token = ConsistencyToken.parse(header);
        } catch (ConsistencyToken.InvalidToken invalid) {
            Problems.write(response, QueryRules.INVALID_CONSISTENCY_TOKEN, invalid.getMessage());
            return false;
        }
        if (!waiting.tryAcquire()) {
            return notYet(response, "too many queries are waiting for their writes; retry shortly");
        }
        try {
            polls.execute(() -> awaited(reads, token));
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

    /** Fails the start when a {@link ReadsFrom} names a projection that does not exist. */
    @EventListener
    public void checkReadsFrom(ContextRefreshedEvent refreshed) {
        refreshed.getApplicationContext().getBeansOfType(RequestMappingHandlerMapping.class).values()
                .forEach(mapping -> mapping.getHandlerMethods().values().forEach(this::readModels));
    }

    private Set<String> readModels(HandlerMethod handler) {
        return readModels.computeIfAbsent(handler.getMethod(), m -> {
            ReadsFrom reads = handler.hasMethodAnnotation(ReadsFrom.class)
                    ? handler.getMethodAnnotation(ReadsFrom.class) : handler.getBeanType().getAnnotation(ReadsFrom.class);
            Set<String> names = reads == null ? Set.of() : new LinkedHashSet<>(List.of(reads.value()));
            if (!projections.containsAll(names)) {
                throw new IllegalStateException(m + ": @ReadsFrom names a projection that does not exist: " + names);
            }
            return names;
        });
    }

    /** Each collection is read from one generation: the one live when the check starts. */
    private Void awaited(Set<String> readModels, ConsistencyToken token) {
        List<Document> positions = new ArrayList<>();
        generations.generation(generations.live(StreamPositionsProjection.NAME)).get(StreamPositionsProjection.POSITIONS)
                .find(Filters.in("_id", token.positions().keySet())).into(positions);
        Map<Integer, Long> needed = offsetsOf(token.positions(), positions).orElseThrow(NotYetApplied::new);
        for (String projection : readModels) {
            Map<Integer, Long> watermarks = Watermarks.read(generations.generation(generations.live(projection))
                    .get(Watermarks.collectionOf(projection)));
            if (!covers(watermarks, needed)) {
                throw new NotYetApplied();
            }
        }
        return null;
    }

    /**
     * Per partition, the offset a read model must have passed for the token: the highest offset of each aggregate's
     * records once its stream position has reached the token's sequence (events of an aggregate are in order on
     * its partition, ADR 12, so its token's event is at or before it) — or empty while one has not.
     */
    static Optional<Map<Integer, Long>> offsetsOf(Map<String, Long> token, List<Document> positions) {
        Map<String, Document> byAggregate = new HashMap<>();
        positions.forEach(position -> byAggregate.put(position.getString("_id"), position));
        Map<Integer, Long> needed = new HashMap<>();
        for (Map.Entry<String, Long> wanted : token.entrySet()) {
            Document position = byAggregate.get(wanted.getKey());
            if (position == null
                    || ((Number) position.get(StreamPositionsProjection.SEQUENCE)).longValue() < wanted.getValue()) {
                return Optional.empty();
            }
            needed.merge(position.getInteger(StreamPositionsProjection.PARTITION),
                    ((Number) position.get(StreamPositionsProjection.OFFSET)).longValue(), Math::max);
        }
        return Optional.of(needed);
    }

    static boolean covers(Map<Integer, Long> watermarks, Map<Integer, Long> needed) {
        return needed.entrySet().stream().allMatch(n -> watermarks.getOrDefault(n.getKey(), -1L) >= n.getValue());
    }

    private static boolean notYet(HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        Problems.write(response, QueryRules.CONSISTENCY_NOT_REACHED, detail);
        return false;
    }

    /** The read model has not applied the token yet: poll again. */
    private static final class NotYetApplied extends RuntimeException {
        NotYetApplied() {
            super(null, null, false, false);
        }
    }
}
