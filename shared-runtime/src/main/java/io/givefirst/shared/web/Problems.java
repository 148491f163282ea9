package io.givefirst.shared.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * A problem+json answer (RFC 9457) written by a servlet filter, before any controller or Spring's error handling:
 * the same fields as every rejection of the APIs — {@code type} naming the rule, {@code title}, {@code status},
 * {@code detail}, {@code rule}.
 */
public final class Problems {
    public static final String TYPE_PREFIX = "https://givefirst.io/problems/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static void write(HttpServletResponse response, int status, String rule, String title, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPE_PREFIX + rule);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("rule", rule);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }
}
