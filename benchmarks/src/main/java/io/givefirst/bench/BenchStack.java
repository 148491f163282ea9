package io.givefirst.bench;

import io.givefirst.local.infra.Folders;
import io.givefirst.local.infra.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default exactly as README's {@code ## Run} starts it ({@code java -jar givefirst-local.jar}), on free
 * ports and a fresh data folder, as a child process: the launcher holds Kafka, the MongoDB-wire server and the token
 * issuer; command-service and query-service are its children with their 512 MB heaps. Stopped by its own PID.
 */
final class BenchStack implements AutoCloseable {
    final int kafkaPort = FreePorts.pick();
    final int mongoPort = FreePorts.pick();
    final int issuerPort = FreePorts.pick();
    final int commandPort = FreePorts.pick();
    final int queryPort = FreePorts.pick();
    final Path dataDir;
    private final Path stackJar;
    private final String infraHeap;
    private Process launcher;
    private int starts;

    private BenchStack(Path stackJar, Path dataDir, String infraHeap) {
        this.dataDir = dataDir;
        this.stackJar = stackJar;
        this.infraHeap = infraHeap;
        launch();
    }

    /** Starts the launcher on this stack's data folder and ports; its output goes to {@code stack-N.log}. */
    private void launch() {
        starts++;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + infraHeap, "-Daxoniq.update-checker.disabled=true", "-jar", stackJar.toString(),
                "--data-dir=" + dataDir, "--kafka-port=" + kafkaPort, "--mongo-port=" + mongoPort,
                "--issuer-port=" + issuerPort, "--command-port=" + commandPort, "--query-port=" + queryPort));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log().toFile());
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        // the load generator's few members act far more than a person would in a day
        builder.environment().put("GIVEFIRST_QUOTA_RECORDS_PER_DAY", "100000000");
        builder.environment().put("GIVEFIRST_RATE_WRITES_PER_MINUTE", "100000000");
        builder.environment().put("GIVEFIRST_RATE_EXPENSIVE_READS_PER_MINUTE", "100000000");
        try {
            launcher = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + stackJar, e);
        }
    }

    static BenchStack start(Path stackJar, String infraHeap) throws IOException {
        if (!Files.isRegularFile(stackJar)) {
            throw new IllegalStateException("missing " + stackJar + " — build first: ./mvnw -q -DskipTests package");
        }
        Path dataDir = Files.createTempDirectory("givefirst-bench-");
        BenchStack stack = new BenchStack(stackJar, dataDir, infraHeap);
        try {
            stack.awaitUp(Duration.ofMinutes(4));
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** The banner is printed once both services answer healthy. */
    private void awaitUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("the stack stopped while starting; see " + log());
            }
            try {
                if (Files.readString(log()).contains("GiveFirst is up")) {
                    return;
                }
                Thread.sleep(500);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the stack did not come up in " + timeout + "; see " + log());
    }

    private Path log() {
        return dataDir.resolve("stack-" + starts + ".log");
    }

    /**
     * Stops the whole stack as Ctrl-C would and starts it again on the same data: how long until both services
     * answer healthy again (the launcher prints its banner then).
     */
    Duration restart() {
        stop();
        long start = System.nanoTime();
        launch();
        awaitUp(Duration.ofMinutes(10));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    String commandUrl() {
        return "http://localhost:" + commandPort;
    }

    String queryUrl() {
        return "http://localhost:" + queryPort;
    }

    String issuerUrl() {
        return "http://localhost:" + issuerPort;
    }

    String bootstrapServers() {
        return "localhost:" + kafkaPort;
    }

    String mongoUri() {
        return "mongodb://localhost:" + mongoPort;
    }

    /** Process name → PID: the launcher ({@code infrastructure}) and the two services. */
    Map<String, Long> processes() {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("infrastructure (Kafka + MongoDB-wire + issuer)", launcher.pid());
        launcher.toHandle().children().forEach(child -> {
            String line = child.info().commandLine().orElse("");
            if (line.contains("command-service.jar")) {
                pids.put("command-service", child.pid());
            } else if (line.contains("query-service.jar")) {
                pids.put("query-service", child.pid());
            }
        });
        return pids;
    }

    /** CPU time each of {@link #processes()} has used so far, in milliseconds. */
    Map<String, Long> cpuMillisByProcess() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        processes().forEach((name, pid) -> cpu.put(name, cpuMillis(pid)));
        return cpu;
    }

    /** CPU time (user + system) a process has used so far, in milliseconds; -1 when it cannot be read. */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // clock ticks of 10 ms
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The kernel's high-water mark of a process's resident set ({@code VmHWM}), in MiB. */
    static Optional<Long> peakRssMib(long pid) {
        return statusField(pid, "VmHWM:");
    }

    private static Optional<Long> statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    long kib = Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                    return Optional.of(kib / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The size of the embedded MongoDB's data file(s) ({@code *.mv}) on disk, in MiB. */
    long storeFileMib() {
        try (var paths = Files.walk(dataDir)) {
            return paths.filter(p -> p.toString().endsWith(".mv")).mapToLong(p -> p.toFile().length()).sum() >> 20;
        } catch (IOException e) {
            return -1;
        }
    }

    boolean servicesAlive() {
        return processes().size() == 3;
    }

    /** SIGTERM to the launcher, whose shutdown hook stops the services; forcibly only what it left running. */
    @Override
    public synchronized void close() {
        stop();
        Folders.deleteQuietly(dataDir);
    }

    private synchronized void stop() {
        if (!launcher.isAlive()) {
            return;
        }
        List<ProcessHandle> children = launcher.toHandle().children().toList();
        launcher.destroy();
        try {
            if (!launcher.waitFor(90, TimeUnit.SECONDS)) {
                launcher.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

}
