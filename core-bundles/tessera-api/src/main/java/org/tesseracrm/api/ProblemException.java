package org.tesseracrm.api;

/**
 * A failure that the caller caused or can act on. The platform turns it into an
 * {@code application/problem+json} answer with the type's status; services throw it instead of
 * returning error codes. The message is shown to the caller as {@code detail}, so it must never
 * contain internals (SQL, stack traces, other users' data).
 */
public class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ProblemType type;
    private final String field;

    /**
     * @param type   the kind of problem
     * @param detail a human explanation specific to this occurrence
     * @param field  the request field (JSON path or parameter) at fault, or {@code null}
     */
    public ProblemException(ProblemType type, String detail, String field) {
        super(detail);
        this.type = type;
        this.field = field;
    }

    /** @return the kind of problem */
    public ProblemType type() {
        return type;
    }

    /** @return the field at fault, or {@code null} when the problem is not about one field */
    public String field() {
        return field;
    }

    /** A field has a bad value. */
    public static ProblemException invalid(String field, String detail) {
        return new ProblemException(ProblemType.INVALID_FIELD, detail, field);
    }

    /** The body or a parameter cannot be read. */
    public static ProblemException malformed(String field, String detail) {
        return new ProblemException(ProblemType.MALFORMED_REQUEST, detail, field);
    }

    /** A record of the given entity does not exist (or may not be seen). */
    public static ProblemException notFound(String entity, String id) {
        return new ProblemException(ProblemType.NOT_FOUND, "No " + entity + " with id '" + id + "'", null);
    }

    /** The request conflicts with the current state of the data. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail, null);
    }
}
