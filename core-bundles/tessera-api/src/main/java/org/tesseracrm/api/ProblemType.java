package org.tesseracrm.api;

/**
 * The stable kinds of problem Tessera reports. Each has an HTTP status and a {@code type} URI that
 * clients may rely on (RFC 9457); the slug never changes once released.
 */
public enum ProblemType {
    /** The request body or a parameter could not be read at all (malformed JSON, bad number). */
    MALFORMED_REQUEST(400, "malformed-request", "Malformed request"),
    /** A field has a value that is not allowed (wrong type, too long, missing, out of range). */
    INVALID_FIELD(400, "invalid-field", "Invalid field"),
    /** No credentials, or wrong ones. */
    UNAUTHORIZED(401, "unauthorized", "Authentication required"),
    /** The caller is known but may not do this. */
    FORBIDDEN(403, "forbidden", "Forbidden"),
    /** The record (or path) does not exist, or the caller may not see it. */
    NOT_FOUND(404, "not-found", "Not found"),
    /** The HTTP method is not supported on this path. */
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    /** The request conflicts with the current state (duplicate, stock, state machine). */
    CONFLICT(409, "conflict", "Conflict"),
    /** The record changed since the caller read it ({@code If-Match} does not match). */
    VERSION_CONFLICT(412, "version-conflict", "The record was changed by someone else"),
    /** The body is larger than the server accepts. */
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    /** The body is not JSON, or not in UTF-8. */
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    /** An update came without {@code If-Match}. */
    VERSION_REQUIRED(428, "version-required", "If-Match header required"),
    /** Too many requests; try later. */
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    /** Something failed on the server; the details are in the server log, never in the answer. */
    INTERNAL_ERROR(500, "internal-error", "Internal error"),
    /** A required service (database, plugin) is not available right now. */
    UNAVAILABLE(503, "unavailable", "Service unavailable");

    /** Prefix of every problem {@code type} URI. */
    public static final String TYPE_PREFIX = "https://tesseracrm.org/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    /** @return the HTTP status code */
    public int status() {
        return status;
    }

    /** @return the stable {@code type} URI of this problem */
    public String uri() {
        return TYPE_PREFIX + slug;
    }

    /** @return a short human title, the same for every occurrence */
    public String title() {
        return title;
    }
}
