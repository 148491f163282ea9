package io.givefirst.shared.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.givefirst.shared.web.BufferedRequest;
import io.givefirst.shared.web.Problems;
import io.givefirst.shared.web.SharedRules;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.bson.conversions.Bson;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Every admin action — any request under {@code /admin/**} that is not a read — is recorded with the admin's subject
 * and what was asked (method, path, query, its body: at most 2 KiB, admin requests are small) before it runs, and how
 * it was answered after, in the service's own {@code admin_audit} collection; {@code GET /admin/audit} lists them,
 * newest first. One filter for every admin endpoint there is and will be: an action cannot forget to record itself,
 * and one that cannot be recorded does not run.
 */
@Configuration(proxyBeanMethods = false)
@Import(AdminAudit.Api.class)
public class AdminAudit {
    public static final String COLLECTION = "admin_audit";
    private static final int BODY_KEPT = 2048;
    private static final UrlPathHelper PATHS = new UrlPathHelper();

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> adminAuditFilter(MongoDatabase database, Clock clock) {
        MongoCollection<Document> audit = database.getCollection(COLLECTION);
        audit.createIndex(Indexes.descending("at"));
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new Recorder(audit, clock));
        registration.setOrder(1); // after authentication and the rate limits, before the service's own filters
        return registration;
    }

    private static final class Recorder extends OncePerRequestFilter {
        private final MongoCollection<Document> audit;
        private final Clock clock;

        Recorder(MongoCollection<Document> audit, Clock clock) {
            this.audit = audit;
            this.clock = clock;
        }

        /** Reads are not actions; the path as Spring Security and MVC see it (decoded: {@code /%61dmin/} too). */
        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()) || "OPTIONS".equals(
                    request.getMethod()) || !PATHS.getPathWithinApplication(request).startsWith("/admin/");
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken admin)) {
                chain.doFilter(request, response); // refused by the security rules; nothing was done
                return;
            }
            // on record before it runs — an action that cannot be recorded does not run — then with its outcome
            byte[] body = request.getInputStream().readNBytes(BODY_KEPT);
            boolean whole = request.getInputStream().read() == -1;
            if (!whole) {
                Problems.write(response, SharedRules.ADMIN_BODY_TOO_LARGE,
                        "an admin request body may hold at most " + BODY_KEPT + " bytes");
                return;
            }
            ObjectId id = new ObjectId();
            audit.insertOne(new Document("_id", id).append("at", Date.from(clock.instant()))
                    .append("subject", admin.getName()).append("method", request.getMethod())
                    .append("path", PATHS.getPathWithinApplication(request)).append("query", request.getQueryString())
                    .append("body", body.length == 0 ? null : new String(body, StandardCharsets.UTF_8)));
            try {
                chain.doFilter(new BufferedRequest(request, body), response);
            } finally {
                audit.updateOne(Filters.eq("_id", id), Updates.set("status", response.getStatus()));
            }
        }
    }

    /** One recorded admin action; {@code status} is absent while it runs, or when its instance died running it. */
    public record Action(Instant at, String subject, String method, String path, String query, String body,
                         Integer status) {
    }

    @RestController
    static class Api {
        private final MongoCollection<Document> audit;

        Api(MongoDatabase database) {
            this.audit = database.getCollection(COLLECTION);
        }

        /** The admin actions taken on this service, newest first; {@code before} pages back. */
        @GetMapping("/admin/audit")
        List<Action> actions(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                             Instant before, @RequestParam(defaultValue = "100") int limit) {
            if (limit < 1 || limit > 1000) {
                throw new IllegalArgumentException("limit must be between 1 and 1000");
            }
            Bson filter = before == null ? new Document() : Filters.lt("at", Date.from(before));
            return audit.find(filter).sort(Sorts.descending("at")).limit(limit).map(d -> new Action(
                    d.getDate("at").toInstant(), d.getString("subject"), d.getString("method"), d.getString("path"),
                    d.getString("query"), d.getString("body"), d.getInteger("status"))).into(new ArrayList<>());
        }
    }
}
