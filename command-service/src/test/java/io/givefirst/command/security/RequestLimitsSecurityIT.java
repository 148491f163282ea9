package io.givefirst.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.givefirst.command.support.ApiTestBase;
import io.givefirst.shared.web.RequestLimits;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.databind.json.JsonMapper;

/**
 * OWASP API Security Top 10 (2023) <b>API4 Unrestricted Resource Consumption</b>: a body over 64 KiB is refused
 * before anything reads it — declared or chunked, with a token or without — and within the cap the JSON parser's
 * constraints (tighter than Jackson's defaults) refuse absurd nesting and numbers. Nothing is stored.
 */
class RequestLimitsSecurityIT extends ApiTestBase {
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> post(String token, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/members"))
                .header("Content-Type", "application/json").POST(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String joinWithHeadline(int bytes) {
        return "{\"displayName\":\"Eve\",\"headline\":\"" + "x".repeat(bytes) + "\"}";
    }

    @Test
    void aBodyOverTheCapIsRefusedBeforeItIsReadWhetherDeclaredOrChunkedWithOrWithoutAToken() throws Exception {
        long before = storedEvents().countDocuments();
        byte[] oversized = joinWithHeadline(RequestLimits.DEFAULT_MAX_BODY_BYTES).getBytes(StandardCharsets.UTF_8);

        assertProblem(post(token("eve-declared"), HttpRequest.BodyPublishers.ofByteArray(oversized)), 413,
                "body-too-large");
        assertProblem(post(null, HttpRequest.BodyPublishers.ofByteArray(oversized)), 413, "body-too-large");
        HttpResponse<String> chunked = post(token("eve-chunked"),
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized)));
        assertProblem(chunked, 413, "body-too-large");
        assertThat(storedEvents().countDocuments()).isEqualTo(before);
    }

    @Test
    void aBodyWithinTheCapIsHandledAsUsualDeclaredOrChunked() throws Exception {
        String body = "{\"displayName\":\"Eve\"}";
        assertThat(post(token("eve-" + java.util.UUID.randomUUID()), HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))).statusCode()).isEqualTo(201);
        // within the cap, the field's own limit speaks
        assertProblem(post(token("eve-" + java.util.UUID.randomUUID()), HttpRequest.BodyPublishers.ofString(
                joinWithHeadline(RequestLimits.DEFAULT_MAX_BODY_BYTES - 100))), 400, "invalid-request");
    }

    @Test
    void absurdNestingAndNumbersWithinTheCapAreRefusedAsMalformed() throws Exception {
        String nested = "{\"displayName\":\"Eve\",\"interests\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        assertProblem(post(token("eve-nested"), HttpRequest.BodyPublishers.ofString(nested)), 400, "malformed-request");
        String number = "{\"displayName\":\"Eve\",\"headline\":" + "9".repeat(5_000) + "}";
        assertProblem(post(token("eve-number"), HttpRequest.BodyPublishers.ofString(number)), 400, "malformed-request");
    }

    @Autowired
    JsonMapper mapper;

    @Test
    void theServiceReadsJsonUnderItsOwnConstraintsNotJacksonsLooserDefaults() {
        var constraints = mapper.tokenStreamFactory().streamReadConstraints();
        assertThat(constraints.getMaxNestingDepth()).isEqualTo(RequestLimits.READ_CONSTRAINTS.getMaxNestingDepth())
                .isLessThan(StreamReadConstraints.defaults().getMaxNestingDepth());
        assertThat(constraints.getMaxNumberLength()).isEqualTo(RequestLimits.READ_CONSTRAINTS.getMaxNumberLength())
                .isLessThan(StreamReadConstraints.defaults().getMaxNumberLength());
        assertThat(constraints.getMaxNameLength()).isEqualTo(RequestLimits.READ_CONSTRAINTS.getMaxNameLength());
    }
}
