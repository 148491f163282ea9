package io.givefirst.local.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A plain HTTP client for tests that go through the real API, as a portal would. */
public final class Http {
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    public Http(String base) {
        this.base = base;
    }

    /** The address requests go to, such as {@code http://localhost:8080}. */
    public String base() {
        return base;
    }

    public HttpResponse<String> post(String path, String token, String json) {
        return write("POST", path, token, json);
    }

    /** A POST with more headers, such as {@code Idempotency-Key}. */
    public HttpResponse<String> post(String path, String token, String json, java.util.Map<String, String> headers) {
        return write("POST", path, token, json, headers);
    }

    public HttpResponse<String> put(String path, String token, String json) {
        return write("PUT", path, token, json);
    }

    private HttpResponse<String> write(String method, String path, String token, String json) {
        return write(method, path, token, json, java.util.Map.of());
    }

    private HttpResponse<String> write(String method, String path, String token, String json,
                                       java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json == null ? "" : json));
        headers.forEach(request::header);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    public HttpResponse<String> delete(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).DELETE();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String path, String token) {
        return get(path, token, java.util.Map.of());
    }

    /** A GET with more headers, such as {@code Consistency-Token}. */
    public HttpResponse<String> get(String path, String token, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(request::header);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
