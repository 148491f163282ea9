package io.givefirst.shared.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.Ordered;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * What both services refuse before anything else runs — before authentication, so an anonymous caller cannot make
 * them read more either: a body over {@code givefirst.http.max-body-bytes} (64 KiB) is answered {@code 413}. Within
 * it, the JSON parser's constraints bound nesting, numbers and names ({@link #READ_CONSTRAINTS}).
 */
@Configuration(proxyBeanMethods = false)
public class RequestLimits {
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /**
     * Tighter than Jackson's defaults (500 levels, 1 000-digit numbers, 50 000-character names), far above anything
     * GiveFirst reads or stores: its JSON is flat, its numbers counts and times, its names field names.
     */
    public static final StreamReadConstraints READ_CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(64).maxNumberLength(100).maxNameLength(1_000).build();

    /**
     * Boot's JSON mapper, built as Boot builds it (every {@link JsonMapperBuilderCustomizer} in order) on a parser
     * factory with {@link #READ_CONSTRAINTS}: Jackson sets constraints on the factory, which Boot's customizers cannot
     * reach. Request bodies, and everything else the service parses with it, are read under them.
     */
    @Bean
    @Scope("prototype")
    JsonMapper.Builder jsonMapperBuilder(ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        JsonMapper.Builder builder = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(READ_CONSTRAINTS)
                .build());
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder;
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimit(
            @Value("${givefirst.http.max-body-bytes:" + DEFAULT_MAX_BODY_BYTES + "}") int maxBodyBytes) {
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(
                new BodyLimitFilter(maxBodyBytes));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
