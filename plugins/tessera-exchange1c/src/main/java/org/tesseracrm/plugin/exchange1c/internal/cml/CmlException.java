package org.tesseracrm.plugin.exchange1c.internal.cml;

/** A CommerceML file or object that cannot be read; the message says what and where. */
public final class CmlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong */
    public CmlException(String message) {
        super(message);
    }

    /** @param message what is wrong
     *  @param cause   the parser's error */
    public CmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
