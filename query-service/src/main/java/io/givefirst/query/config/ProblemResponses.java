package io.givefirst.query.config;

import io.givefirst.shared.web.Problems;
import io.givefirst.shared.web.RuleViolation;
import io.givefirst.shared.web.SharedRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
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
        return Problems.of(SharedRules.INVALID_REQUEST, invalid.getMessage());
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> rejected(RuleViolation rejected) {
        return Problems.of(rejected.rule(), rejected.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mistyped(MethodArgumentTypeMismatchException mistyped) {
        return Problems.of(SharedRules.INVALID_REQUEST, mistyped.getName() + " has an invalid value");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        log.error("query failed unexpectedly", failure);
        return Problems.of(SharedRules.INTERNAL_ERROR, "the query could not be answered; it may be retried");
    }
}
