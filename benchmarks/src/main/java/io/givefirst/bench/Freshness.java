package io.givefirst.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How soon an acknowledged command shows in the portal: a probe member gives help, and from the moment the command
 * API answered 201, polls its contribution history (every 2 ms) until the entry is there.
 */
final class Freshness {
    static final String PROBE = "bench-probe";
    final Latencies latencies = new Latencies();
    private final Api api;
    private final List<String> members;

    Freshness(Api api, List<String> members) {
        this.api = api;
        this.members = members;
    }

    void probe(double rate, Duration duration) {
        long period = (long) (1e9 / rate);
        long end = System.nanoTime() + duration.toNanos();
        for (long next = System.nanoTime(); next < end; next += period) {
            LockSupport.parkNanos(next - System.nanoTime());
            String receiver = members.get(ThreadLocalRandom.current().nextInt(members.size()));
            Api.Reply given = api.command(PROBE, "/help", "{\"receiverId\":\"" + receiver
                    + "\",\"kind\":\"RESOURCE\",\"summary\":\"Sent a reading list\"}");
            long acknowledged = System.nanoTime();
            if (given.status() != 201) {
                continue;
            }
            String helpId = given.field("helpId");
            long deadline = acknowledged + TimeUnit.MINUTES.toNanos(1);
            while (System.nanoTime() < deadline) {
                if (api.query(PROBE, "/members/" + PROBE + "/contributions?kind=HELP&limit=5").body().contains(helpId)) {
                    latencies.recordSince(acknowledged);
                    break;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
        }
    }
}
