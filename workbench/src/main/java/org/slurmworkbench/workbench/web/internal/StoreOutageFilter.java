package org.slurmworkbench.workbench.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that answers a MariaDB or Redis outage: 503 with {@code Retry-After} and a message naming the store,
 * as problem details for the API and JSON clients, as a plain bilingual page for browsers. It wraps everything,
 * the session filter included, because with sessions in MariaDB even reading the session fails during an outage,
 * and Spring's own error page would fail the same way (a 500 from Tomcat).
 */
class StoreOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(StoreOutageFilter.class);

    private final JsonMapper json;

    StoreOutageFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            String store = DependencyOutage.of(e);
            if (store == null || response.isCommitted()) {
                throw e;
            }
            log.warn("{} unavailable during {} {}: {}", store, request.getMethod(), request.getRequestURI(), rootMessage(e));
            response.reset();
            response.setHeader("Retry-After", "10");
            if (ProblemResponse.wanted(request)) {
                ProblemResponse.write(json, request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                        store + " unavailable", DependencyOutage.detail(store));
            } else {
                response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
                response.setContentType("text/html;charset=UTF-8");
                String s = HtmlUtils.htmlEscape(store);
                response.getOutputStream().write(("""
                        <!DOCTYPE html><html><head><meta charset="utf-8"><title>503 · Slurm Workbench</title>
                        <link rel="stylesheet" href="/css/workbench.css"></head><body><main class="error-page">
                        <h1>503</h1><p lang="en">%s is out of reach. Nothing you submitted is lost; this page works again by itself when %s is back. Reload in a moment.</p>
                        <p lang="zh">%s 暂时无法连接。已提交的内容不会丢失；%s 恢复后本页会自动恢复，请稍后刷新。</p>
                        </main></body></html>""").formatted(s, s, s, s).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }
}
