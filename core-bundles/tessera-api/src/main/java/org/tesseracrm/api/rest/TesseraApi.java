package org.tesseracrm.api.rest;

/**
 * Constants of the one Tessera JAX-RS application. A resource joins it with
 * {@code @JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)}; it is then served under
 * {@value #BASE}, with the platform's JSON, authentication and error handling.
 */
public final class TesseraApi {
    /** The application's name ({@code osgi.jaxrs.name}). */
    public static final String APPLICATION_NAME = "tessera";
    /** Filter that selects the application. */
    public static final String APPLICATION_SELECT = "(osgi.jaxrs.name=" + APPLICATION_NAME + ")";
    /** Where the application is served. */
    public static final String BASE = "/api/v1";
    /** Media type of error answers (RFC 9457). */
    public static final String PROBLEM_JSON = "application/problem+json";

    private TesseraApi() {
    }
}
