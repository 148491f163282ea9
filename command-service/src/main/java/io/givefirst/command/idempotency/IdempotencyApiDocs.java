package io.givefirst.command.idempotency;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PostMapping;

/** The API description names {@code Idempotency-Key} on every write, where {@link IdempotencyFilter} honours it. */
@Configuration(proxyBeanMethods = false)
class IdempotencyApiDocs {

    @Bean
    OperationCustomizer idempotencyKeyHeader() {
        return (operation, handler) -> {
            if (handler.hasMethodAnnotation(PostMapping.class)) {
                operation.addParametersItem(new HeaderParameter().name(IdempotencyFilter.HEADER).required(false)
                        .schema(new StringSchema().maxLength(IdempotencyFilter.MAX_KEY_LENGTH))
                        .description("Makes a retry safe: the same request with the same key (per member, for 48 h)"
                                + " is answered with the first response and records nothing twice"));
            }
            return operation;
        };
    }
}
