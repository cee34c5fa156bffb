package org.tesseracrm.platform.internal.db;

/** A bundle's migrations cannot be applied; the message says which file and why. */
public class MigrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message which script, and what went wrong */
    public MigrationException(String message) {
        super(message);
    }

    /** @param message which script, and what went wrong */
    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
