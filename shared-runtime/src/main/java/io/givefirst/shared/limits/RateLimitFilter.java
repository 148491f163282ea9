package io.givefirst.shared.limits;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.givefirst.shared.web.Problems;
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
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-member rate limits (Bucket4j, buckets shared by every instance through {@link MongoBuckets}): a request over
 * its limit is answered {@code 429 too-many-requests} with {@code Retry-After} and goes no further. Runs after
 * authentication — the member is the token's subject — and before anything else (idempotency, the controllers).
 */
public final class RateLimitFilter extends OncePerRequestFilter {
    public static final String RULE = "too-many-requests";
    private final ProxyManager<String> buckets;
    private final List<RateLimit> limits;
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
                    ConsumptionProbe probe = buckets.builder().build(limit.name() + ":" + member.getName(),
                            () -> configuration(limit)).tryConsumeAndReturnRemaining(1);
                    if (!probe.isConsumed()) {
                        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
                        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                        Problems.write(response, 429, RULE, "Too many requests", "at most " + limit.perMinute()
                                + " " + limit.name() + " per member and minute; retry in " + seconds + " s");
                        return;
                    }
                }
            }
        }
        chain.doFilter(request, response);
    }

    private boolean applies(RateLimit limit, HttpServletRequest request) {
        return limit.methods().contains(request.getMethod())
                && limit.paths().stream().anyMatch(pattern -> paths.match(pattern, request.getRequestURI()));
    }

    private static BucketConfiguration configuration(RateLimit limit) {
        return BucketConfiguration.builder().addLimit(bandwidth -> bandwidth.capacity(limit.perMinute())
                .refillGreedy(limit.perMinute(), Duration.ofMinutes(1))).build();
    }
}
