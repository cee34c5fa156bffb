package org.tesseracrm.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;

import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

/** The console's script requests get their 401 without the header that opens the browser's login box; API clients keep it. */
class BrowserLoginPromptFilterTest {
    private static final String BASIC = "Basic realm=\"Tessera\", charset=\"UTF-8\"";

    @Test
    void theConsolesRequestsGetNoLoginPrompt() throws IOException, ServletException {
        Map<String, String> headers = answer("XMLHttpRequest");
        assertFalse(headers.containsKey("www-authenticate"), headers::toString);
        assertEquals("application/problem+json", headers.get("content-type"), "the rest of the answer is untouched");
    }

    @Test
    void apiClientsStillAreAskedForBasicCredentials() throws IOException, ServletException {
        assertEquals(BASIC, answer(null).get("www-authenticate"));
        assertEquals(BASIC, answer("fetch").get("www-authenticate"));
    }

    /** Runs the filter in front of an API that refuses the request the way the platform does. */
    private static Map<String, String> answer(String requestedWith) throws IOException, ServletException {
        Map<String, String> headers = new TreeMap<>();
        HttpServletRequest request = proxy(HttpServletRequest.class, (method, args) ->
                method.equals("getHeader") && BrowserLoginPromptFilter.REQUESTED_WITH.equals(args[0]) ? requestedWith : null);
        HttpServletResponse response = proxy(HttpServletResponse.class, (method, args) -> {
            if (method.equals("setHeader") || method.equals("addHeader")) {
                headers.put(((String) args[0]).toLowerCase(), (String) args[1]);
            }
            return null;
        });
        new BrowserLoginPromptFilter().doFilter(request, response, (req, res) -> {
            HttpServletResponse http = (HttpServletResponse) res;
            http.setHeader("Content-Type", "application/problem+json");
            http.addHeader("WWW-Authenticate", BASIC);
            assertTrue(req == request, "the request passes unchanged");
        });
        return headers;
    }

    private interface Answer {
        Object apply(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.apply(method.getName(), args)));
    }
}
