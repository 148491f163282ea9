package io.givefirst.command.config;

import io.givefirst.command.rules.CommandRules;
import io.givefirst.shared.web.Problems;
import io.givefirst.shared.web.RuleViolation;
import io.givefirst.shared.web.SharedRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every rejected request is answered with RFC 9457 {@code application/problem+json}. Its {@code type} ends in
 * the rule's stable slug and the body repeats it as {@code rule}, so clients branch on it, not on the text.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemResponses extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> ruleViolated(RuleViolation violation) {
        return Problems.of(violation.rule(), violation.getMessage());
    }

    /** A command handler may report a rule through Axon's wrapper; unwrap it. */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException failure) {
        Optional<RuleViolation> violation = causeOfType(failure, RuleViolation.class);
        if (violation.isPresent()) {
            return ruleViolated(violation.get());
        }
        return unexpected(failure);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException missing) {
        return Problems.of(CommandRules.UNKNOWN_ID,
                "nothing with the id " + missing.getAggregateIdentifier() + " exists");
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> alreadyExists(AggregateStreamCreationException conflict) {
        return Problems.of(CommandRules.ALREADY_EXISTS,
                "it was created by a concurrent request; nothing was recorded twice");
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrencyException conflict) {
        return Problems.of(CommandRules.CONCURRENT_MODIFICATION,
                "another request changed the same thing at the same time; retry");
    }

    /** Event records validate themselves; a value that slipped past request validation ends here. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> invalidValue(IllegalArgumentException invalid) {
        return Problems.of(SharedRules.INVALID_REQUEST, invalid.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        log.error("request failed unexpectedly", failure);
        return Problems.of(SharedRules.INTERNAL_ERROR, "the request could not be completed; it may be retried");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException invalid,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = invalid.getBindingResult().getFieldErrors().stream()
                .map(e -> Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage())))
                .toList();
        ProblemDetail body = Problems.detail(SharedRules.INVALID_REQUEST, errors.size() + " field(s) are invalid");
        body.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(body);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException invalid,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        return ResponseEntity.badRequest().body(Problems.detail(SharedRules.INVALID_REQUEST, invalid.getMessage()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return ResponseEntity.badRequest().body(Problems.detail(SharedRules.MALFORMED_REQUEST,
                whatIsMalformed(unreadable)));
    }

    /** Names the offending field when Jackson knows it, without echoing the client's input. */
    private static String whatIsMalformed(HttpMessageNotReadableException unreadable) {
        Optional<UnrecognizedPropertyException> unknown = causeOfType(unreadable, UnrecognizedPropertyException.class);
        if (unknown.isPresent()) {
            return "the field '" + unknown.get().getPropertyName() + "' is not part of this request";
        }
        Optional<DatabindException> mismatch = causeOfType(unreadable, DatabindException.class);
        if (mismatch.isPresent() && !mismatch.get().getPath().isEmpty()) {
            String field = mismatch.get().getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("?");
            return "the field '" + field + "' has a value of the wrong type or out of range";
        }
        return "the body is not JSON of the expected shape";
    }

    private static <T extends Throwable> Optional<T> causeOfType(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
