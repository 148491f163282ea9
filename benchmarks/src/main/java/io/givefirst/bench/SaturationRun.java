package io.givefirst.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Members acting back to back for a while (a closed loop): what got through, and the CPU each process used. */
record SaturationRun(Ingest ingest, double seconds, long stored, Map<String, Long> cpuBefore,
                     Map<String, Long> cpuAfter) {

    static SaturationRun measure(Api api, BenchStack stack, Waits waits, List<String> members, int users,
                                 Duration duration) throws InterruptedException {
        long storedBefore = waits.storeCount();
        Ingest ingest = new Ingest(api, members);
        Map<String, Long> cpuBefore = stack.cpuMillisByProcess();
        long start = System.nanoTime();
        ingest.closedLoop(users, duration);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Long> cpuAfter = stack.cpuMillisByProcess();
        SaturationRun run = new SaturationRun(ingest, seconds, waits.storeCount() - storedBefore, cpuBefore, cpuAfter);
        Benchmark.log("  %.0f commands/s, %.0f events/s, CPU %.2f ms per command, %s, %d refused".formatted(
                run.commandsPerSecond(), run.eventsPerSecond(), run.cpuMsPerCommand(), ingest.latencies.summary(),
                ingest.rejected.get()));
        return run;
    }

    double commandsPerSecond() {
        return ingest.commands.get() / seconds;
    }

    double eventsPerSecond() {
        return stored / seconds;
    }

    /** CPU per command over all the stack's processes. */
    double cpuMsPerCommand() {
        return (sum(cpuAfter) - sum(cpuBefore)) / (double) ingest.commands.get();
    }

    private static long sum(Map<String, Long> cpu) {
        return cpu.values().stream().mapToLong(Long::longValue).sum();
    }
}
