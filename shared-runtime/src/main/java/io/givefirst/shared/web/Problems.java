package io.givefirst.shared.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one home of the problem+json format (RFC 9457) both services answer every rejection with: {@code type}
 * naming the {@link Rule}, {@code title}, {@code status}, {@code detail}, {@code rule}. Controllers' advice answers
 * {@link #of}; a servlet filter, before any controller or Spring's error handling, {@link #write}s.
 */
public final class Problems {
    public static final String TYPE_PREFIX = "https://givefirst.io/problems/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static ProblemDetail detail(Rule rule, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(rule.status()), detail);
        problem.setType(URI.create(TYPE_PREFIX + rule.slug()));
        problem.setTitle(rule.title());
        problem.setProperty("rule", rule.slug());
        return problem;
    }

    public static ResponseEntity<ProblemDetail> of(Rule rule, String detail) {
        return ResponseEntity.status(rule.status()).body(detail(rule, detail));
    }

    public static void write(HttpServletResponse response, Rule rule, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPE_PREFIX + rule.slug());
        problem.put("title", rule.title());
        problem.put("status", rule.status());
        problem.put("detail", detail);
        problem.put("rule", rule.slug());
        response.setStatus(rule.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }
}
