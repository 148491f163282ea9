package io.givefirst.local.infra;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real, single-node Kafka broker in KRaft mode (broker and controller in one process), run from Kafka's
 * own server jars. Its log directory survives {@link #stop()}, so {@link #start()} again brings back the
 * same broker on the same port with all its data — which is how tests take the broker away and back.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final String CLUSTER_ID = "Z2l2ZWZpcnN0LWxvY2Fs";
    private static final int NODE_ID = 1;

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;
    /** Settings that make clients authenticate (SASL listener, authorizer, …); empty: a plain broker. */
    private final Properties security = new Properties();
    private final java.util.List<String> scramUsers = new java.util.ArrayList<>();

    public KafkaBroker(Path logDir, int port) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = FreePorts.pick();
    }

    /**
     * A broker whose clients authenticate with SASL/SCRAM-SHA-512 on its port and are authorised by ACLs: {@code
     * settings} are the broker's security settings (what deploy/kafka/server.properties holds, with the inter-broker
     * login), {@code users} the SCRAM users (name → password) created when the log directory is formatted.
     */
    public KafkaBroker secured(Properties settings, java.util.Map<String, String> users) {
        security.putAll(settings);
        users.forEach((name, password) -> scramUsers.add("SCRAM-SHA-512=[name=" + name + ",password=" + password + "]"));
        return this;
    }

    /** Formats the log directory on first use (idempotently), then starts the broker and waits for it. */
    public synchronized KafkaBroker start() {
        if (server != null) {
            return this;
        }
        try {
            Files.createDirectories(logDir);
            format();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka log directory " + logDir, e);
        }
        server = new KafkaRaftServer(new KafkaConfig(config(), false), Time.SYSTEM);
        server.startup();
        return this;
    }

    /** Stops the broker and waits until it is down; the data stays. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        stop();
    }

    private void format() throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(CLUSTER_ID)
                .addDirectory(logDir.toString())
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName("CONTROLLER")
                .setIgnoreFormatted(true)
                .setScramArguments(scramUsers)
                .run();
    }

    private Properties config() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // a single node: every internal topic has one replica
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // topics are created by the platform with explicit settings, never by accident
        p.put("auto.create.topics.enable", "false");
        if (!security.isEmpty()) {
            p.putAll(security);
            p.put("listeners", "SASL_PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
            p.put("advertised.listeners", "SASL_PLAINTEXT://localhost:" + port);
        }
        return p;
    }
}
