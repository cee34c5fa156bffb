package org.tesseracrm.plugin.exchange1c.internal.protocol;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.servlet.Servlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tesseracrm.plugin.exchange1c.internal.connection.ConnectionSettings;

/**
 * The HTTP endpoint 1C's "exchange with site" calls: {@code /exchange/1c} (the default connection) and
 * {@code /exchange/1c/<connection>}, an OSGi HTTP Whiteboard servlet. Every answer is the protocol's reply
 * as plain text (or the orders document) with the connection's charset — never an HTML error page, even
 * when something breaks inside. Parameters are read from the query string only, so a file body is never
 * mistaken for a form.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=/exchange/1c",
    "osgi.http.whiteboard.servlet.pattern=/exchange/1c/*",
    "osgi.http.whiteboard.servlet.name=tessera-exchange1c",
    "osgi.http.whiteboard.servlet.asyncSupported=false"})
public final class ExchangeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeServlet.class);

    private final transient ExecutorService executor;
    private final transient ExchangeProtocol protocol;

    /** Serves the exchange; uploaded files go to the bundle's data folder. */
    @Activate
    public ExchangeServlet(BundleContext context, @Reference Exchange exchange) {
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "tessera 1C import");
            thread.setDaemon(true);
            return thread;
        });
        this.protocol = new ExchangeProtocol(context.getDataFile("exchange").toPath(), exchange, executor);
    }

    /** Stops running imports (each is one transaction: an interrupted one leaves nothing half-written). */
    @Deactivate
    void stop() {
        executor.shutdownNow();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ExchangeProtocol.Reply reply;
        try {
            Map<String, String> parameters = parameters(request.getQueryString());
            reply = protocol.handle(new ExchangeProtocol.Request(connection(request.getPathInfo()),
                    parameters.get("type"), parameters.get("mode"), parameters.get("filename"),
                    request.getHeader("Authorization"), cookie(request), request.getInputStream()));
        } catch (RuntimeException | IOException e) {
            LOG.error("1C exchange request {} failed", request.getQueryString(), e);
            reply = new ExchangeProtocol.Reply(200, "text/plain;charset=UTF-8",
                    "failure\ninternal error, see the Tessera log".getBytes(StandardCharsets.UTF_8));
        }
        response.setStatus(reply.status());
        if (reply.status() == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Tessera 1C exchange\", charset=\"UTF-8\"");
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(reply.contentType());
        response.setContentLength(reply.body().length);
        response.getOutputStream().write(reply.body());
    }

    /** The connection named by the path after {@code /exchange/1c}. */
    static String connection(String pathInfo) {
        if (pathInfo == null) {
            return ConnectionSettings.DEFAULT;
        }
        String name = pathInfo.replaceAll("^/+|/+$", "");
        return name.isEmpty() ? ConnectionSettings.DEFAULT : name;
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (ExchangeProtocol.COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /** Query parameters, percent-decoded as UTF-8 (the first of repeated ones wins). */
    static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new HashMap<>();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }
}
