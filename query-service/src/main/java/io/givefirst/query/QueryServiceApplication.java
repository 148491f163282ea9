package io.givefirst.query;

import io.givefirst.shared.audit.AdminAudit;
import io.givefirst.shared.health.ServiceHealth;
import io.givefirst.shared.limits.RateLimits;
import io.givefirst.shared.security.ApiSecurity;
import io.givefirst.shared.web.RequestLimits;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The read side: Kafka → projections → MongoDB read models → query API. It never reads the event store. */
@SpringBootApplication
@Import({ApiSecurity.class, RequestLimits.class, RateLimits.class, AdminAudit.class, ServiceHealth.class})
@ConfigurationPropertiesScan
@EnableScheduling
public class QueryServiceApplication {
    /** Own config name, so that this service never reads the command service's settings on a shared classpath. */
    public static final String CONFIG_NAME = "spring.config.name=query-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(QueryServiceApplication.class).properties(CONFIG_NAME).run(args);
    }
}
