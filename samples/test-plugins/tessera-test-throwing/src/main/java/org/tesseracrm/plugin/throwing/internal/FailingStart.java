package org.tesseracrm.plugin.throwing.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * A component that throws from {@code @Activate}, and the whole of this plugin: it exists only for the
 * hot-plug tests, which check that the platform reports the plugin {@code failed} with this reason while
 * the core and the other plugins keep serving.
 */
@Component
public final class FailingStart {
    /** What the failure says; the tests look for it in the plugin's reason. */
    public static final String MESSAGE = "thrown on purpose by the hot-plug test plugin";

    /** Always fails. */
    @Activate
    void activate() {
        throw new IllegalStateException(MESSAGE);
    }
}
