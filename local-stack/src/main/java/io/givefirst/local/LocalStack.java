package io.givefirst.local;

import io.givefirst.local.infra.DevTokenIssuer;
import io.givefirst.local.infra.KafkaBroker;
import io.givefirst.local.infra.MongoWireServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The embedded default: a KRaft Kafka broker from Kafka's own jars, a file-backed MongoDB-wire server, the
 * development token issuer, then command-service and query-service as child processes on them. Stops
 * everything it started on Ctrl-C. Data lives under {@code data/} and survives restarts.
 */
public final class LocalStack implements AutoCloseable {
    private final StackSettings settings;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private DevTokenIssuer issuer;
    private volatile boolean stopping;

    private LocalStack(StackSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        StackSettings settings = StackSettings.fromArgs(args, defaultServicesDir());
        LocalStack stack = new LocalStack(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
        stack.start();
        System.out.println(stack.banner());
        stack.awaitAnyServiceExit();
        if (!stack.stopping) {
            System.err.println("a service stopped unexpectedly; shutting the stack down");
            System.exit(1);
        }
    }

    /** Starts every part and returns once both services are healthy. */
    public static LocalStack start(StackSettings settings) {
        LocalStack stack = new LocalStack(settings);
        try {
            stack.start();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void start() {
        Path data = settings.dataDir().toAbsolutePath();
        MongoWireServer mongo = MongoWireServer.onFile(data.resolve("mongo").resolve("givefirst.mv"), settings.mongoPort()).start();
        started.add(mongo);
        KafkaBroker broker = new KafkaBroker(data.resolve("kafka"), settings.kafkaPort()).start();
        started.add(broker);
        issuer = DevTokenIssuer.withKeyFile(data.resolve("dev-issuer").resolve("key.json"), settings.issuerPort()).start();
        started.add(issuer);

        Map<String, String> environment = Map.of(
                "GIVEFIRST_MONGODB_URI", "mongodb://localhost:" + mongo.port(),
                "GIVEFIRST_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                "GIVEFIRST_JWT_JWK_SET_URI", issuer.jwkSetUri(),
                "GIVEFIRST_JWT_ISSUER_URI", issuer.issuer(),
                "GIVEFIRST_JWT_AUDIENCE", DevTokenIssuer.AUDIENCE,
                // the key-encryption keys of the embedded default: local files, created by the command-service
                "GIVEFIRST_PERSONAL_KEK", data.resolve("keys").resolve("personal-kek.json").toString(),
                "GIVEFIRST_PRIVATE_KEK", data.resolve("keys").resolve("private-kek.json").toString(),
                // this machine only, unless told otherwise (Kafka, MongoDB and the issuer listen on localhost)
                "SERVER_ADDRESS", bindAddress(),
                // a portal served on this machine (any port) may call the APIs from a browser
                "GIVEFIRST_CORS_ORIGINS", "http://localhost:*,http://127.0.0.1:*");
        services.add(ServiceProcess.start("command-service", settings.servicesDir().resolve("command-service.jar"),
                settings.commandPort(), environment, settings.serviceLogs()));
        services.add(ServiceProcess.start("query-service", settings.servicesDir().resolve("query-service.jar"),
                settings.queryPort(), environment, settings.serviceLogs()));
        services.forEach(service -> service.awaitHealthy(Duration.ofMinutes(3)));
    }

    /** Where the services listen: {@code GIVEFIRST_BIND_ADDRESS}, else 127.0.0.1. */
    static String bindAddress() {
        String address = System.getenv("GIVEFIRST_BIND_ADDRESS");
        return address == null || address.isBlank() ? "127.0.0.1" : address.strip();
    }

    public DevTokenIssuer issuer() {
        return issuer;
    }

    public StackSettings settings() {
        return settings;
    }

    private void awaitAnyServiceExit() {
        CompletableFuture.anyOf(services.stream().map(s -> s.process().onExit()).toArray(CompletableFuture[]::new)).join();
    }

    /** Stops the services first (they flush and release their claims), then the issuer, broker and store. */
    @Override
    public synchronized void close() {
        stopping = true;
        services.forEach(ServiceProcess::stop);
        services.clear();
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
        started.clear();
    }

    String banner() {
        return """

                GiveFirst is up (data in %s)
                  command API     %s          (OpenAPI: %s/swagger-ui.html)
                  query API       %s          (OpenAPI: %s/swagger-ui.html)
                  Kafka           localhost:%d    topic givefirst.events
                  MongoDB (wire)  mongodb://localhost:%d
                  dev tokens      %s/tokens

                  Get a member token:   curl -s -X POST '%s/tokens?sub=alice'
                  Get an admin token:   curl -s -X POST '%s/tokens?sub=ops&admin=true'
                Press Ctrl-C to stop.
                """.formatted(settings.dataDir().toAbsolutePath(), settings.commandUrl(), settings.commandUrl(),
                settings.queryUrl(), settings.queryUrl(), settings.kafkaPort(), settings.mongoPort(),
                issuer.issuer(), issuer.issuer(), issuer.issuer());
    }

    /** Next to the launcher's jar ({@code java -jar local-stack/target/givefirst-local.jar}), else the build's. */
    private static Path defaultServicesDir() {
        Path classPath = Path.of(System.getProperty("java.class.path"));
        if (classPath.toString().endsWith(".jar") && Files.isRegularFile(classPath)) {
            return classPath.toAbsolutePath().getParent().resolve("services");
        }
        return Path.of("local-stack", "target", "services");
    }
}
