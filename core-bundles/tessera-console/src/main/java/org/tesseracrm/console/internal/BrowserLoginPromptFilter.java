package org.tesseracrm.console.internal;

import java.io.IOException;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

import org.osgi.service.component.annotations.Component;

/**
 * Keeps the browser's own login box away from the console. The API answers a request without valid
 * credentials with 401 and {@code WWW-Authenticate: Basic}, which is right for API clients; but a browser
 * that sees that header on a script's request opens its modal username/password dialog (and a headless
 * one waits for it forever), where the console wants to show its own login page. Requests of the console's
 * kit say so with {@code X-Requested-With: XMLHttpRequest}; for them alone the header is left out, and
 * the 401 problem itself is unchanged.
 */
@Component(service = Filter.class, property = {
        // every servlet context: the JAX-RS whiteboard gives the API and each plugin's API a context of its own
        "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=*)",
        "osgi.http.whiteboard.filter.pattern=/*",
        "osgi.http.whiteboard.filter.name=tessera-console-no-browser-login-prompt" })
public final class BrowserLoginPromptFilter implements Filter {
    /** The header the console's kit sends with every API request. */
    static final String REQUESTED_WITH = "X-Requested-With";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse
                && "XMLHttpRequest".equalsIgnoreCase(http.getHeader(REQUESTED_WITH))) {
            chain.doFilter(request, new WithoutLoginPrompt(httpResponse));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Drops {@code WWW-Authenticate} however the answer sets it. */
    static final class WithoutLoginPrompt extends HttpServletResponseWrapper {
        WithoutLoginPrompt(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            if (!isPrompt(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!isPrompt(name)) {
                super.addHeader(name, value);
            }
        }

        private static boolean isPrompt(String name) {
            return "WWW-Authenticate".equalsIgnoreCase(name);
        }
    }
}
