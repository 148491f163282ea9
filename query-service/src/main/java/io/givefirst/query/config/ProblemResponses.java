package io.givefirst.query.config;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Rejected queries answer RFC 9457 {@code application/problem+json} whose {@code type} names the rule. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemResponses extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> invalid(IllegalArgumentException invalid) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", invalid.getMessage());
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<ProblemDetail> notFound(NotFound missing) {
        return problem(HttpStatus.NOT_FOUND, missing.rule(), "Not found", missing.getMessage());
    }

    @ExceptionHandler(Conflict.class)
    ResponseEntity<ProblemDetail> conflict(Conflict conflict) {
        return problem(HttpStatus.CONFLICT, conflict.rule(), "Conflict", conflict.getMessage());
    }

    @ExceptionHandler(io.givefirst.query.replay.Rebuilds.RebuildConflict.class)
    ResponseEntity<ProblemDetail> rebuildConflict(RuntimeException conflict) {
        return problem(HttpStatus.CONFLICT, "rebuild-in-progress", "Rebuild in progress", conflict.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mistyped(MethodArgumentTypeMismatchException mistyped) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                mistyped.getName() + " has an invalid value");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        log.error("query failed unexpectedly", failure);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "the query could not be answered; it may be retried");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String rule, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://givefirst.io/problems/" + rule));
        problem.setTitle(title);
        problem.setProperty("rule", rule);
        return ResponseEntity.status(status).body(problem);
    }
}
