package org.tesseracrm.plugin.salon.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The salon's settings, from Config Admin under the PID {@value #PID} (the bundle's symbolic name):
 * {@code etc/org.tesseracrm.plugin.salon.cfg}, or {@code config:property-set} in the shell. A change
 * applies at once, without restarting anything: the next write reads the new value.
 */
@Component(service = SalonSettings.class, configurationPid = SalonSettings.PID)
@Designate(ocd = SalonSettings.Config.class)
public final class SalonSettings {
    /** The configuration PID. */
    public static final String PID = "org.tesseracrm.plugin.salon";
    /** Shortest and longest duration a service or appointment may have, in minutes. */
    public static final int MIN_DURATION = 5;
    /** Longest duration, in minutes. */
    public static final int MAX_DURATION = 720;

    /** What can be configured. */
    @ObjectClassDefinition(id = SalonSettings.PID, name = "Tessera beauty salon", description = "Settings of the beauty salon plugin")
    public @interface Config {
        /** @return minutes a service (or an appointment of a service without one) takes when not given */
        @AttributeDefinition(name = "Default duration (minutes)",
                description = "Used when a service or an appointment is saved without a duration", min = "5",
                max = "720")
        int defaultDurationMinutes() default 60;
    }

    private volatile int defaultDurationMinutes;

    /** Starts with the configuration present, or the defaults. */
    @Activate
    public SalonSettings(Config config) {
        apply(config);
    }

    /** Takes a changed configuration live. */
    @Modified
    void modified(Config config) {
        apply(config);
    }

    private void apply(Config config) {
        // metatype bounds are advice to editors, not enforced on a hand-written .cfg: clamp
        defaultDurationMinutes = Math.max(MIN_DURATION, Math.min(MAX_DURATION, config.defaultDurationMinutes()));
    }

    /** @return minutes a service or an appointment takes when it does not say */
    public int defaultDurationMinutes() {
        return defaultDurationMinutes;
    }
}
