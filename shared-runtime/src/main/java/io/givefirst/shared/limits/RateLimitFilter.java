package io.givefirst.shared.limits;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.givefirst.shared.web.Problems;
import io.givefirst.shared.web.SharedRules;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.util.UrlPathHelper;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-member rate limits (Bucket4j, buckets shared by every instance through {@link MongoBuckets}): a request over
 * its limit is answered {@code 429 too-many-requests} with {@code Retry-After} and goes no further. Runs after
 * authentication — the member is the token's subject — and before anything else (idempotency, the controllers).
 */
public final class RateLimitFilter extends OncePerRequestFilter {
    private final ProxyManager<String> buckets;
    private final List<RateLimit> limits;
    private static final UrlPathHelper PATHS = new UrlPathHelper();
    /** How long taking a token may last (a slow database, or a member's requests racing for their own bucket). */
    static final java.time.Duration CONTENTION = java.time.Duration.ofSeconds(2);
    private final AntPathMatcher paths = new AntPathMatcher();

    public RateLimitFilter(ProxyManager<String> buckets, List<RateLimit> limits) {
        this.buckets = buckets;
        this.limits = List.copyOf(limits);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken member) {
            for (RateLimit limit : limits) {
                if (applies(limit, request)) {
                    long seconds;
                    try {
                        seconds = secondsToWait(limit, member.getName());
                    } catch (io.github.bucket4j.TimeoutException | com.mongodb.MongoException unavailable) {
                        // the buckets' database is away or slower than CONTENTION: nothing is wrong with the
                        // member's pace, the service cannot check it now — as any other write would meet it
                        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                        Problems.write(response, SharedRules.TEMPORARILY_UNAVAILABLE,
                                "the rate limits cannot be checked right now; retry in a moment");
                        return;
                    }
                    if (seconds > 0) {
                        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                        Problems.write(response, SharedRules.TOO_MANY_REQUESTS, "at most " + limit.perMinute()
                                + " " + limit.name() + " per member and minute; retry in " + seconds + " s");
                        return;
                    }
                }
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * Takes a token from the member's bucket: 0 when there was one, else the seconds until there is. The bucket's
     * configuration carries the limit as its version, so a changed limit replaces the stored one at once.
     *
     * @throws io.github.bucket4j.TimeoutException when the bucket cannot be read and swapped within {@link #CONTENTION}
     */
    private long secondsToWait(RateLimit limit, String member) {
        ConsumptionProbe probe = buckets.builder()
                .withImplicitConfigurationReplacement(limit.perMinute(), TokensInheritanceStrategy.AS_IS)
                .build(limit.name() + ":" + member, () -> configuration(limit)).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
    }

    /**
     * Whether a request counts against a limit: its method (HEAD runs a GET's handler, so it counts as one) and its
     * path as Spring MVC and Spring Security see it — decoded, so {@code /leaderboar%64} is {@code /leaderboard}.
     */
    private boolean applies(RateLimit limit, HttpServletRequest request) {
        String method = "HEAD".equals(request.getMethod()) ? "GET" : request.getMethod();
        String path = PATHS.getPathWithinApplication(request);
        return limit.methods().contains(method) && limit.paths().stream().anyMatch(pattern -> paths.match(pattern, path));
    }

    private static BucketConfiguration configuration(RateLimit limit) {
        return BucketConfiguration.builder().addLimit(bandwidth -> bandwidth.capacity(limit.perMinute())
                .refillGreedy(limit.perMinute(), Duration.ofMinutes(1))).build();
    }
}
