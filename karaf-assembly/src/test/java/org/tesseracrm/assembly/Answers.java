package org.tesseracrm.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.tesseracrm.testing.ApiResponse;

/**
 * Checks of the API's answers shared by the integration tests, counting the problems checked so each
 * class can print its numbers.
 */
final class Answers {
    /** Prefix of every problem type (RFC 9457 {@code type}). */
    static final String PROBLEM_TYPE_PREFIX = "https://tesseracrm.org/problems/";
    /** What must never reach a client: stack traces, SQL, class names. */
    private static final Pattern INTERNALS = Pattern.compile(
            "Exception|\\bat (org|java|com)\\.|\\bSQL|SELECT |INSERT |UPDATE .* SET|org\\.apache|com\\.fasterxml",
            Pattern.CASE_INSENSITIVE);

    private final AtomicInteger problems = new AtomicInteger();

    /** @return how many problem answers were checked */
    int problemsChecked() {
        return problems.get();
    }

    /**
     * Asserts an {@code application/problem+json} answer (RFC 9457) of the given status and type that
     * names the given field ({@code null}: names none), with a detail that leaks no internals.
     *
     * @return the problem document
     */
    Map<String, Object> problem(ApiResponse answer, int status, String slug, String field) {
        problems.incrementAndGet();
        assertTrue(answer.status() < 500, () -> "A server error where a problem was expected: " + answer);
        assertEquals(status, answer.status(), () -> "status of " + answer);
        assertEquals(ApiResponse.PROBLEM_JSON, answer.mediaType(), () -> "media type of " + answer);
        Map<String, Object> problem = answer.map();
        assertEquals(PROBLEM_TYPE_PREFIX + slug, problem.get("type"), () -> "type of " + answer);
        assertEquals((long) status, problem.get("status"), () -> "status field of " + answer);
        assertNonBlank(problem.get("title"), "title", answer);
        Object detail = problem.get("detail");
        assertNonBlank(detail, "detail", answer);
        assertFalse(INTERNALS.matcher((String) detail).find(), () -> "detail leaks internals: " + answer);
        Object instance = problem.get("instance");
        assertNonBlank(instance, "instance", answer);
        assertEquals(URI.create(answer.uri()).getRawPath(), instance, () -> "instance of " + answer);
        assertEquals(field, problem.get("field"), () -> "field of " + answer);
        return problem;
    }

    /** Asserts a 401 problem with a Basic challenge. */
    void unauthorized(ApiResponse answer) {
        problem(answer, 401, "unauthorized", null);
        String challenge = answer.header("WWW-Authenticate");
        assertNotNull(challenge, () -> "no WWW-Authenticate in " + answer);
        assertTrue(challenge.startsWith("Basic ") && challenge.contains("realm="),
                () -> "WWW-Authenticate is not a Basic challenge: " + answer);
    }

    /** Asserts a JSON answer of the given status and returns its object. */
    static Map<String, Object> json(ApiResponse answer, int status) {
        assertEquals(status, answer.status(), () -> "status of " + answer);
        assertEquals("application/json", answer.mediaType(), () -> "media type of " + answer);
        return answer.map();
    }

    /** Asserts that the record has an ETag equal to its version. */
    static void etagIsVersion(ApiResponse answer, long version) {
        assertEquals("\"" + version + "\"", answer.etag(), () -> "ETag of " + answer);
        assertEquals(version, answer.map().get("version"), () -> "version of " + answer);
    }

    /**
     * Asserts that {@code actual} holds everything in {@code expected}: maps may have more keys, lists
     * are compared element by element, numbers by value (1250.50 equals 1250.5).
     */
    static void containsAll(Object expected, Object actual, String path) {
        if (expected instanceof Map<?, ?> expectedMap) {
            if (!(actual instanceof Map<?, ?> actualMap)) {
                fail(path + ": expected an object, got " + actual);
                return;
            }
            for (Map.Entry<?, ?> entry : expectedMap.entrySet()) {
                String key = String.valueOf(entry.getKey());
                assertTrue(actualMap.containsKey(key), () -> path + "." + key + " is missing in " + actual);
                containsAll(entry.getValue(), actualMap.get(key), path + "." + key);
            }
        } else if (expected instanceof List<?> expectedList) {
            if (!(actual instanceof List<?> actualList)) {
                fail(path + ": expected a list, got " + actual);
                return;
            }
            assertEquals(expectedList.size(), actualList.size(), () -> path + ": " + actual);
            for (int i = 0; i < expectedList.size(); i++) {
                containsAll(expectedList.get(i), actualList.get(i), path + "[" + i + "]");
            }
        } else if (expected instanceof Number number) {
            assertTrue(actual instanceof Number, () -> path + ": expected a number " + expected + ", got " + actual);
            assertEquals(0, new BigDecimal(number.toString()).compareTo(new BigDecimal(actual.toString())),
                    () -> path + ": expected " + expected + ", got " + actual);
        } else {
            assertEquals(expected, actual, path);
        }
    }

    /**
     * Asserts two records are the same, numbers compared by value: the API may write 1250.50 in one
     * answer and 1250.5 in another.
     */
    static void sameRecord(Object expected, Object actual, String message) {
        assertEquals(normalized(expected), normalized(actual), message);
    }

    private static Object normalized(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((key, inner) -> copy.put(key, normalized(inner)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Answers::normalized).toList();
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros();
        }
        return value;
    }

    /** @return the ids of a list answer's items */
    static List<Object> ids(ApiResponse list) {
        return list.items().stream().map(item -> item.get("id")).toList();
    }

    private static void assertNonBlank(Object value, String name, ApiResponse answer) {
        assertTrue(value instanceof String text && !text.isBlank(), () -> "no " + name + " in " + answer);
    }

    /**
     * Polls every 100 ms until the probe answers {@code null} (done), failing with its last answer after
     * the deadline; a probe that throws counts as not done yet.
     */
    static void await(String what, java.time.Duration deadline, java.util.concurrent.Callable<String> probe) {
        long until = System.nanoTime() + deadline.toNanos();
        String last;
        while (true) {
            try {
                last = probe.call();
            } catch (Exception e) {
                last = e.toString();
            }
            if (last == null) {
                return;
            }
            if (System.nanoTime() > until) {
                org.junit.jupiter.api.Assertions.fail("Not within " + deadline.toSeconds() + " s: " + what
                        + "; last seen: " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                org.junit.jupiter.api.Assertions.fail("Interrupted while waiting for " + what);
            }
        }
    }
}
