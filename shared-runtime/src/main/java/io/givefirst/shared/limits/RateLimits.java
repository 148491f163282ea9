package io.givefirst.shared.limits;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rate-limit filter over every {@link RateLimit} the service declares, with buckets in its own database. Ordered
 * after Spring Security's filters (which stand at -100) and before the service's own.
 */
@Configuration(proxyBeanMethods = false)
public class RateLimits {

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimit(MongoDatabase database, List<RateLimit> limits) {
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(
                new RateLimitFilter(new MongoBuckets(database), limits));
        registration.setOrder(0);
        return registration;
    }
}
