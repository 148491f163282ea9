package io.givefirst.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine the figures belong to. */
final class Machine {
    private Machine() {
    }

    static String describe() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) / (1024 * 1024) + " GiB").orElse("?");
        return "%d cores (%s), %s RAM, %s %s, Java %s (%s)".formatted(Runtime.getRuntime().availableProcessors(), cpu,
                memory, System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.version"), System.getProperty("java.vm.vendor"));
    }
}
