package org.tesseracrm.plugin.salon.internal.rest;

import org.tesseracrm.api.rest.TesseraApi;

/**
 * The salon's JAX-RS application: the platform creates {@code tessera-salon} at {@code /api/v1/salon}
 * when the plugin starts, so the salon's resources are rebuilt alone when it is installed or removed and
 * the core's requests go on untouched.
 */
final class SalonApplication {
    /** Filter a salon resource selects its application with. */
    static final String SELECT = "(osgi.jaxrs.name=" + TesseraApi.PLUGIN_APPLICATION_PREFIX + "salon)";

    private SalonApplication() {
    }
}
