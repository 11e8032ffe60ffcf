package org.slurmworkbench.workbench.web.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers an upload beyond {@code spring.servlet.multipart.max-file-size} or {@code max-request-size} with 413 naming
 * the limit, logged as a warning. Tomcat reads a multipart body at the first {@code getParameter} of anyone (the CSRF
 * check, the language switch, ...) and fails there, so the body is read here first, before all of them.
 */
class UploadLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(UploadLimitFilter.class);

    private final JsonMapper json;

    UploadLimitFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            SizeException tooLarge = null;
            try {
                request.getParts();
            } catch (IllegalStateException | ServletException | IOException e) {
                // anything but a size limit (a malformed body, ...) is left to the handler's own binding
                tooLarge = sizeException(e);
            }
            if (tooLarge != null) {
                refuse(request, response, tooLarge);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, SizeException e) throws IOException {
        boolean perFile = e instanceof FileSizeLimitExceededException;
        String detail = "The upload is larger than the limit of " + size(e.getPermittedSize())
                + (perFile ? " per file (spring.servlet.multipart.max-file-size)."
                        : " per request (spring.servlet.multipart.max-request-size).");
        log.warn("Upload refused (413) for {} {} from {}: {}", request.getMethod(), request.getRequestURI(),
                request.getRemoteAddr(), detail);
        if (ProblemResponse.wanted(request)) {
            ProblemResponse.write(json, request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "Upload too large", detail);
        } else {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, detail);
        }
    }

    private static SizeException sizeException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SizeException size) {
                return size;
            }
        }
        return null;
    }

    /** A limit as it is configured: 1MB rather than 1048576 bytes. */
    static String size(long bytes) {
        DataSize size = DataSize.ofBytes(bytes);
        if (bytes > 0 && bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
            return size.toMegabytes() + "MB";
        }
        if (bytes > 0 && bytes % DataSize.ofKilobytes(1).toBytes() == 0) {
            return size.toKilobytes() + "KB";
        }
        return bytes + " bytes";
    }
}
