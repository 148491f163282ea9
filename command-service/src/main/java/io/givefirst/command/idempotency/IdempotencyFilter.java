package io.givefirst.command.idempotency;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.givefirst.shared.consistency.ConsistencyToken;
import io.givefirst.shared.web.BufferedRequest;
import io.givefirst.command.rules.CommandRules;
import io.givefirst.shared.web.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} for every write: a retried request with the same key (scoped to the acting member)
 * gets the first request's response again, marked {@code Idempotent-Replayed: true}, and records nothing twice.
 * The same key with a different request is refused (422); a retry while the first is still running gets 409.
 * After a server error (or an instance that died mid-request) the same request may be sent again with the same
 * key: it runs again, and the records it starts have ids derived from the key ({@link NewRecordIds}), so an act
 * stored by the failed attempt is not stored twice.
 *
 * <p>Runs after Spring Security, so the acting member is known; requests without a member's token (an open endpoint)
 * pass untouched and store nothing.
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {
    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    static final int MAX_KEY_LENGTH = CommandRules.INVALID_IDEMPOTENCY_KEY.limit();

    private final IdempotencyStore store;

    IdempotencyFilter(IdempotencyStore store) {
        this.store = store;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HEADER) == null || !WRITES.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // a member's key only: an anonymous caller (an open endpoint) stores nothing here
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken caller)) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER).strip();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            Problems.write(response, CommandRules.INVALID_IDEMPOTENCY_KEY,
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters");
            return;
        }
        // bounded: BodyLimitFilter has capped the body before this point
        byte[] body = request.getInputStream().readAllBytes();
        BufferedRequest cached = new BufferedRequest(request, body);
        String id = caller.getName() + "\u0000" + key;
        String fingerprint = fingerprint(request, body);
        IdempotencyStore.Claim claim = store.claim(id, fingerprint);
        if (claim.earlier().isPresent()) {
            answerFromEarlier(claim.earlier().get(), fingerprint, response);
            return;
        }
        cached.setAttribute(NewRecordIds.SCOPE, claim.idsFromKeyAlone() ? key : NewRecordIds.scope(key, claim.since()));
        runAndRecord(id, cached, response, chain);
    }

    /** Runs the request and keeps its answer for retries — or marks its outcome unknown if it failed. */
    private void runAndRecord(String id, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        try {
            try {
                chain.doFilter(request, recorded);
            } catch (IOException | ServletException | RuntimeException e) {
                store.outcomeUnknown(id);
                throw e;
            }
            if (recorded.getStatus() >= 500) {
                store.outcomeUnknown(id);
            } else {
                store.complete(id, recorded.getStatus(), recorded.getContentType(),
                        recorded.getHeader(HttpHeaders.LOCATION), recorded.getHeader(ConsistencyToken.HEADER),
                        recorded.getContentAsByteArray());
            }
        } finally {
            store.release(id);
        }
        recorded.copyBodyToResponse();
    }

    private static void answerFromEarlier(IdempotencyStore.Record earlier, String fingerprint,
                                          HttpServletResponse response) throws IOException {
        if (!earlier.fingerprint().equals(fingerprint)) {
            Problems.write(response, CommandRules.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was already used for a different request");
        } else if (!earlier.done()) {
            Problems.write(response, CommandRules.REQUEST_IN_PROGRESS,
                    "the first request with this Idempotency-Key is still running; retry shortly");
        } else {
            response.setStatus(earlier.status());
            if (earlier.contentType() != null) {
                response.setContentType(earlier.contentType());
            }
            if (earlier.location() != null) {
                response.setHeader(HttpHeaders.LOCATION, earlier.location());
            }
            if (earlier.consistencyToken() != null) {
                response.setHeader(ConsistencyToken.HEADER, earlier.consistencyToken());
            }
            response.setHeader(REPLAYED, "true");
            response.getOutputStream().write(earlier.body());
        }
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((request.getMethod() + " " + request.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
