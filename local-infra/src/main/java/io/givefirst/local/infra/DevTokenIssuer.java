package io.givefirst.local.infra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A development-only token issuer for the embedded default and tests — never part of a production
 * configuration. It signs RS256 JWTs whose subject is the member id, and publishes its public key as a
 * JWK set that the services' resource-server configuration points at.
 *
 * <pre>
 *   POST /tokens?sub=alice            → a member token for "alice" (text/plain)
 *   POST /tokens?sub=ops&amp;admin=true  → a token that also carries the admin role
 *   GET  /.well-known/jwks.json        → the public key
 * </pre>
 */
public final class DevTokenIssuer implements AutoCloseable {
    /** The claim the services read a member's GiveFirst roles from (their default {@code GIVEFIRST_JWT_ROLES_CLAIM}). */
    public static final String ROLES_CLAIM = "givefirst_roles";
    /** The audience its tokens are for: the services' {@code GIVEFIRST_JWT_AUDIENCE} in the embedded default. */
    public static final String AUDIENCE = "givefirst-api";
    private static final Duration LIFETIME = Duration.ofHours(12);
    private static final int MAX_SUBJECT = 100;

    private final RSAKey key;
    private final int port;
    private HttpServer http;

    private DevTokenIssuer(RSAKey key, int port) {
        this.key = key;
        this.port = port;
    }

    /** An issuer whose key is kept in {@code keyFile}, so tokens stay valid across restarts of the stack. */
    public static DevTokenIssuer withKeyFile(Path keyFile, int port) {
        try {
            if (Files.exists(keyFile)) {
                return new DevTokenIssuer(RSAKey.parse(Files.readString(keyFile)), port);
            }
            RSAKey key = newKey();
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
            // the private signing key: readable by its owner only
            Files.createFile(keyFile, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(keyFile, key.toJSONString());
            return new DevTokenIssuer(key, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException("unreadable development key in " + keyFile, e);
        }
    }

    /** An issuer with a fresh key on a free port, for tests. */
    public static DevTokenIssuer ephemeral() {
        return new DevTokenIssuer(newKey(), FreePorts.pick());
    }

    public DevTokenIssuer start() {
        try {
            http = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
        http.createContext("/.well-known/jwks.json", exchange -> respond(exchange, 200, "application/json",
                new JWKSet(key.toPublicJWK()).toString()));
        http.createContext("/tokens", this::handleTokenRequest);
        http.start();
        return this;
    }

    public String issuer() {
        return "http://localhost:" + port;
    }

    public String jwkSetUri() {
        return issuer() + "/.well-known/jwks.json";
    }

    public int port() {
        return port;
    }

    /** A signed token for a member. */
    public String tokenFor(String memberId) {
        return token(memberId, List.of("member"), LIFETIME);
    }

    /** A signed token for a member who is also an admin. */
    public String adminTokenFor(String memberId) {
        return token(memberId, List.of("member", "admin"), LIFETIME);
    }

    /** A token that expired an hour ago, for tests of rejection. */
    public String expiredTokenFor(String memberId) {
        return token(memberId, List.of("member"), Duration.ofHours(-1));
    }

    private String token(String subject, List<String> roles, Duration lifetime) {
        Instant expiry = Instant.now().plus(lifetime);
        Instant issued = expiry.minus(lifetime.abs()).minus(Duration.ofSeconds(5));
        return sign(claimsFor(subject).issueTime(Date.from(issued)).notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(expiry)).claim(ROLES_CLAIM, roles));
    }

    /** The claims of a member's token — issuer, audience, subject, an hour's life, the member role — to adjust. */
    public JWTClaimsSet.Builder claimsFor(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer()).audience(AUDIENCE).subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .claim(ROLES_CLAIM, List.of("member"));
    }

    /** These claims signed RS256 with this issuer's key, as any token it issues. */
    public String sign(JWTClaimsSet.Builder claims) {
        return signWith(key, claims.build());
    }

    /** The public half of the signing key (what a forger knows). */
    public RSAKey publicKey() {
        return key.toPublicJWK();
    }

    static String signWith(RSAKey signingKey, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
        return jwt.serialize();
    }

    private void handleTokenRequest(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "text/plain", "use POST /tokens?sub=<member id>[&admin=true]\n");
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String subject = Optional.ofNullable(query.get("sub")).map(String::strip).orElse("");
        if (subject.isEmpty() || subject.length() > MAX_SUBJECT) {
            respond(exchange, 400, "text/plain", "sub must be a member id of 1 to " + MAX_SUBJECT + " characters\n");
            return;
        }
        boolean admin = Boolean.parseBoolean(query.get("admin"));
        respond(exchange, 200, "text/plain", admin ? adminTokenFor(subject) : tokenFor(subject));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("givefirst-dev").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (http != null) {
            http.stop(0);
        }
    }
}
