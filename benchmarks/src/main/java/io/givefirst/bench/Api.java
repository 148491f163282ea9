package io.givefirst.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The platform's HTTP APIs as a portal would call them: bearer tokens from the issuer, JSON bodies. */
final class Api {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final BenchStack stack;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Api(BenchStack stack) {
        this.stack = stack;
    }

    record Reply(int status, String body) {
        boolean ok() {
            return status / 100 == 2;
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        String field(String name) {
            return json().path(name).asString();
        }
    }

    /** A command; a connection that closes without an answer is a failed command (status 0), not a crash. */
    Reply command(String member, String path, String json) {
        String token = token(member);
        try {
            return post(stack.commandUrl() + path, token, json == null ? "" : json);
        } catch (UncheckedIOException e) {
            return new Reply(0, "no answer: " + e.getCause());
        }
    }

    Reply query(String member, String pathAndQuery) {
        return get(stack.queryUrl() + pathAndQuery, token(member));
    }

    Reply adminQuery(String pathAndQuery) {
        return get(stack.queryUrl() + pathAndQuery, adminToken());
    }

    Reply adminQueryPost(String path, String json) {
        return post(stack.queryUrl() + path, adminToken(), json);
    }

    Reply adminCommandGet(String path) {
        return get(stack.commandUrl() + path, adminToken());
    }

    Reply adminCommand(String path, String json) {
        return post(stack.commandUrl() + path, adminToken(), json);
    }

    private Reply get(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET());
    }

    private Reply post(String url, String token, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The sum of a gauge's or counter's series on a service's Prometheus page whose labels contain {@code labels}. */
    double metric(String baseUrl, String name, String labels) {
        Reply page = send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus")).GET());
        double sum = Double.NaN;
        for (String line : page.body().split("\n")) {
            if ((line.startsWith(name + " ") || line.startsWith(name + "{")) && line.contains(labels)) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                sum = Double.isNaN(sum) ? value : sum + value;
            }
        }
        return sum;
    }

    String token(String member) {
        return tokens.computeIfAbsent(member, m -> mint("sub=" + m));
    }

    String adminToken() {
        return tokens.computeIfAbsent("\u0000admin", m -> mint("sub=bench-ops&admin=true"));
    }

    private String mint(String query) {
        Reply reply = send(HttpRequest.newBuilder(URI.create(stack.issuerUrl() + "/tokens?" + query))
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (!reply.ok()) {
            throw new IllegalStateException("the token issuer answered " + reply.status());
        }
        return reply.body().trim();
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Joins {@code count} members {@code bench-0001…} and the freshness probe; answers the members. */
    List<String> joinMembers(int count) throws InterruptedException {
        List<String> members = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            members.add("bench-%04d".formatted(i));
        }
        List<String> everyone = new ArrayList<>(members);
        everyone.add(Freshness.PROBE);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (String member : everyone) {
            pool.submit(() -> {
                Api.Reply reply = command(member, "/members",
                        "{\"displayName\":\"Member " + member + "\",\"headline\":\"Benchmarks things\"}");
                if (!reply.ok()) {
                    Benchmark.log("could not join " + member + ": " + reply.status() + " " + reply.body());
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        Benchmark.log(everyone.size() + " members joined");
        return members;
    }
}
