package org.tesseracrm.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One answer of the distribution's HTTP API, as a test sees it.
 *
 * @param method  the request method, for messages
 * @param uri     the request URI, for messages
 * @param status  the HTTP status code
 * @param headers the response headers (names in lower case)
 * @param body    the response body as text (empty when there is none)
 */
public record ApiResponse(String method, String uri, int status, Map<String, List<String>> headers, String body) {
    /** Media type of Tessera's errors (RFC 9457). */
    public static final String PROBLEM_JSON = "application/problem+json";

    /** @return the first value of a header (case-insensitive name), or {@code null} */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** @return the media type without parameters, or {@code null} */
    public String mediaType() {
        String contentType = header("Content-Type");
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(
                java.util.Locale.ROOT);
    }

    /** @return whether the answer is an {@code application/problem+json} document */
    public boolean isProblem() {
        return PROBLEM_JSON.equals(mediaType());
    }

    /**
     * @return the body parsed as JSON
     * @throws AssertionError when the body is not JSON, with the answer in the message
     */
    public Object json() {
        try {
            return JsonText.parse(body);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("Body of " + this + " is not JSON: " + e.getMessage(), e);
        }
    }

    /** @return the body as a JSON object */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map() {
        Object json = json();
        if (!(json instanceof Map)) {
            throw new AssertionError("Body of " + this + " is not a JSON object");
        }
        return (Map<String, Object>) json;
    }

    /** @return the {@code items} of a list answer */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items() {
        Object items = map().get("items");
        if (!(items instanceof List)) {
            throw new AssertionError("No items list in " + this);
        }
        return (List<Map<String, Object>>) items;
    }

    /** @return {@code total} of a list answer */
    public long total() {
        Object total = map().get("total");
        if (!(total instanceof Number number)) {
            throw new AssertionError("No total in " + this);
        }
        return number.longValue();
    }

    /** @return a string field of the JSON object body, or {@code null} */
    public String string(String field) {
        Object value = map().get(field);
        return value == null ? null : String.valueOf(value);
    }

    /** @return the ETag header, or {@code null} */
    public String etag() {
        return header("ETag");
    }

    /** @return the Location header, if any */
    public Optional<String> location() {
        return Optional.ofNullable(header("Location"));
    }

    @Override
    public String toString() {
        String shown = body.length() > 600 ? body.substring(0, 600) + "…" : body;
        return method + " " + uri + " → " + status + " " + (mediaType() == null ? "" : mediaType() + " ") + shown;
    }
}
