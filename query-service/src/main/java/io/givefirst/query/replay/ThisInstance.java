package io.givefirst.query.replay;

import java.lang.management.ManagementFactory;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** This query-service instance's name in {@code query_instances} and in rebuild leases: pid@host and a random suffix. */
@Component
class ThisInstance {
    private final String name = ManagementFactory.getRuntimeMXBean().getName() + "-"
            + UUID.randomUUID().toString().substring(0, 8);

    String name() {
        return name;
    }
}
