package org.tesseracrm.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.tesseracrm.console.internal.ConsoleFiles.ConsoleFile;

/**
 * Serves the web console's single-page app at {@code /console/} on the HTTP port through the OSGi HTTP
 * Whiteboard: the files of the bundle's {@code console/} folder, and {@code index.html} for every route of
 * the app, so a bookmarked {@code /console/deals} opens the deals. Every answer carries a strict
 * Content-Security-Policy (scripts and styles from this origin only, nothing inline), so markup that
 * slipped into a record could never run.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/console",
        "osgi.http.whiteboard.servlet.pattern=/console/*",
        "osgi.http.whiteboard.servlet.name=tessera-console" })
public final class ConsoleServlet extends HttpServlet {
    /** What the console's pages may load and talk to: this origin only, no inline script or style. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    private static final long serialVersionUID = 1L;

    private final transient ConsoleFiles files;
    private final String bundleVersionTag;

    /** Reads the app from the console bundle. */
    @Activate
    public ConsoleServlet(BundleContext context) {
        this.files = new ConsoleFiles(context.getBundle()::getEntry);
        this.bundleVersionTag = "\"" + context.getBundle().getVersion() + "-" + context.getBundle().getLastModified()
                + "\"";
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        send(request, response, true);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        send(request, response, false);
    }

    private void send(HttpServletRequest request, HttpServletResponse response, boolean body) throws IOException {
        securityHeaders(response);
        String pathInfo = request.getPathInfo();
        if (pathInfo == null || pathInfo.isEmpty()) {
            response.sendRedirect(request.getContextPath() + request.getServletPath() + "/");
            return;
        }
        Optional<ConsoleFile> found = files.find(pathInfo);
        if (found.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        ConsoleFile file = found.get();
        response.setContentType(file.contentType());
        if (file.immutable()) {
            // Libraries live in versioned folders (lib/echarts-5.3.1/): a new version is a new URL.
            response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        } else {
            // The app changes with the bundle: revalidate every time, answer 304 while the bundle is the same.
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("ETag", bundleVersionTag);
            if (bundleVersionTag.equals(request.getHeader("If-None-Match"))) {
                response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                return;
            }
        }
        if (!body) {
            return;
        }
        try (InputStream in = file.url().openStream()) {
            in.transferTo(response.getOutputStream());
        }
    }

    private static void securityHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
    }
}
