package io.givefirst.query.replay;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code ?snapshot=name} on any query reads the named snapshot (a rebuild up to a point in time) instead of
 * the live read models: the community as it was on that day.
 */
@Component
class SnapshotFilter extends OncePerRequestFilter {
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || request.getParameter("snapshot") == null
                || request.getRequestURI().startsWith("/admin/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Generations.readSnapshot(request.getParameter("snapshot"));
        try {
            chain.doFilter(request, response);
        } finally {
            Generations.readSnapshot(null);
        }
    }
}
