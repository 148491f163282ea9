package io.givefirst.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the embedded default keeps its data and listens. Defaults are fixed, documented ports; each can be
 * changed with a system property or a {@code --name=value} argument of the same name.
 *
 * @param dataDir      Kafka's log, the MongoDB-wire server's file and the dev issuer's key live here
 * @param servicesDir  the services' executable jars
 * @param serviceLogs  where the services' output goes; {@code null} prints it to this console, prefixed
 */
public record StackSettings(Path dataDir, Path servicesDir, Path serviceLogs, int kafkaPort, int mongoPort,
                            int issuerPort, int commandPort, int queryPort) {

    static StackSettings fromArgs(String[] args, Path servicesDir) {
        Map<String, String> given = new java.util.HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return new StackSettings(
                Path.of(value(given, "data-dir", "data")),
                Path.of(value(given, "services-dir", servicesDir.toString())),
                null,
                Integer.parseInt(value(given, "kafka-port", "9092")),
                Integer.parseInt(value(given, "mongo-port", "27017")),
                Integer.parseInt(value(given, "issuer-port", "8090")),
                Integer.parseInt(value(given, "command-port", "8080")),
                Integer.parseInt(value(given, "query-port", "8081")));
    }

    private static String value(Map<String, String> given, String name, String fallback) {
        return given.getOrDefault(name, System.getProperty("givefirst." + name, fallback));
    }

    public String commandUrl() {
        return "http://localhost:" + commandPort;
    }

    public String queryUrl() {
        return "http://localhost:" + queryPort;
    }
}
