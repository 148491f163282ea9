package io.givefirst.query.config;

import io.givefirst.query.notifications.NotificationsController;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.WebContentInterceptor;

/**
 * Query answers carry an {@code ETag} and answer {@code 304} to a matching {@code If-None-Match} (Spring's
 * {@link ShallowEtagHeaderFilter}: the answer is still computed, but not sent again), and a {@code Cache-Control}
 * saying how stale a copy may be: a member's data is private and revalidated on every use; the leaderboard, which is
 * recomputed in the background, may be {@code givefirst.leaderboard.refresh} old; the event schemas and the AsyncAPI document are public.
 */
@Configuration(proxyBeanMethods = false)
class HttpCaching implements WebMvcConfigurer {
    private final Duration leaderboardRefresh;

    HttpCaching(@Value("${givefirst.leaderboard.refresh:PT10S}") Duration leaderboardRefresh) {
        this.leaderboardRefresh = leaderboardRefresh;
    }

    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> etags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(
                new ShallowEtagHeaderFilter() {
                    // an event stream has no answer to tag, and the filter's wrapper would hold back its flushes
                    @Override
                    protected boolean shouldNotFilter(HttpServletRequest request) {
                        return NotificationsController.PATH.equals(request.getRequestURI());
                    }
                });
        registration.setOrder(2); // after authentication, the rate limits and the audit
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        WebContentInterceptor caching = new WebContentInterceptor();
        caching.setCacheControl(CacheControl.noCache().cachePrivate());
        caching.addCacheMapping(CacheControl.maxAge(leaderboardRefresh).cachePrivate(), "/leaderboard");
        caching.addCacheMapping(CacheControl.maxAge(Duration.ofHours(1)).cachePublic(), "/events/schemas",
                "/events/schemas/**", "/events/asyncapi.json");
        registry.addInterceptor(caching);
    }
}
