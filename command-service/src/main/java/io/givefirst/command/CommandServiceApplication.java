package io.givefirst.command;

import io.givefirst.shared.audit.AdminAudit;
import io.givefirst.shared.health.ServiceHealth;
import io.givefirst.shared.limits.RateLimits;
import io.givefirst.shared.security.ApiSecurity;
import io.givefirst.shared.web.RequestLimits;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The write side: REST commands → Axon aggregates → MongoDB event store → relay to Kafka. */
@SpringBootApplication
@Import({ApiSecurity.class, RequestLimits.class, RateLimits.class, AdminAudit.class, ServiceHealth.class})
@ConfigurationPropertiesScan
public class CommandServiceApplication {
    /** Own config name, so that this service never reads the query service's settings on a shared classpath. */
    public static final String CONFIG_NAME = "spring.config.name=command-service";

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        new SpringApplicationBuilder(CommandServiceApplication.class).properties(CONFIG_NAME).run(args);
    }
}
