package org.tesseracrm.plugin.salon.internal.console;

import java.util.Locale;

import org.osgi.service.component.annotations.Component;
import org.tesseracrm.spi.console.ConsolePage;

/**
 * The console's "Appointments" page. The console lists it (and serves {@value #SCRIPT} from this bundle)
 * while the plugin runs.
 */
@Component
public final class AppointmentsPage implements ConsolePage {
    /** The page's script, inside this bundle. */
    public static final String SCRIPT = "console/appointments.js";

    @Override
    public String id() {
        return "salon.appointments";
    }

    @Override
    public String title() {
        return "Appointments";
    }

    @Override
    public String title(Locale locale) {
        return "ru".equals(locale.getLanguage()) ? "Записи" : title();
    }

    @Override
    public String route() {
        return "/salon/appointments";
    }

    @Override
    public String script() {
        return SCRIPT;
    }

    @Override
    public int order() {
        return 500;
    }
}
