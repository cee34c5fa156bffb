package org.tesseracrm.api.rest;

/**
 * Constants of Tessera's JAX-RS applications. A core resource joins the core application with
 * {@code @JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)} and is served under {@value #BASE}.
 *
 * <p>A plugin's resources join its own application, which the platform creates when the plugin starts:
 * its name is {@value #PLUGIN_APPLICATION_PREFIX} followed by the plugin id, its base is
 * {@code /api/v1/<plugin id>}. The salon plugin's resources, for example, declare
 * {@code @JaxrsApplicationSelect("(osgi.jaxrs.name=tessera-salon)")} and {@code @Path("services")} to be
 * served at {@code /api/v1/salon/services}. Every Tessera application brings the platform's JSON,
 * authentication and error handling; installing or removing a plugin never touches the core application,
 * so requests to the core go on while plugins come and go.
 */
public final class TesseraApi {
    /** The application's name ({@code osgi.jaxrs.name}). */
    public static final String APPLICATION_NAME = "tessera";
    /** Filter that selects the application. */
    public static final String APPLICATION_SELECT = "(osgi.jaxrs.name=" + APPLICATION_NAME + ")";
    /** Name prefix of a plugin's application: {@code tessera-<plugin id>}. */
    public static final String PLUGIN_APPLICATION_PREFIX = "tessera-";
    /** Where the core application is served; a plugin's is below it, at {@code /api/v1/<plugin id>}. */
    public static final String BASE = "/api/v1";
    /** Media type of error answers (RFC 9457). */
    public static final String PROBLEM_JSON = "application/problem+json";

    private TesseraApi() {
    }
}
