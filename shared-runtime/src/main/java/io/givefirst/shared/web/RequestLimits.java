package io.givefirst.shared.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What both services refuse before anything else runs — before authentication, so an anonymous caller cannot make
 * them read more either: a body over {@code givefirst.http.max-body-bytes} (64 KiB) is answered {@code 413}. Within
 * it, Jackson's own read constraints bound nesting, numbers and names (see {@code RequestLimitsSecurityIT}).
 */
@Configuration(proxyBeanMethods = false)
public class RequestLimits {
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimit(
            @Value("${givefirst.http.max-body-bytes:" + DEFAULT_MAX_BODY_BYTES + "}") int maxBodyBytes) {
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(
                new BodyLimitFilter(maxBodyBytes));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
