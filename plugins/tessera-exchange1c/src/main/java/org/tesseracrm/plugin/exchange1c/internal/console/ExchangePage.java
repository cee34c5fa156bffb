package org.tesseracrm.plugin.exchange1c.internal.console;

import java.util.Locale;

import org.osgi.service.component.annotations.Component;
import org.tesseracrm.spi.console.ConsolePage;

/**
 * The console's "1C exchange" page: connections with the URL to type into 1C, the exchange log per session,
 * and the conflict queue where an operator links a counterparty to a company or creates one.
 */
@Component
public final class ExchangePage implements ConsolePage {
    /** The page's script, inside this bundle. */
    public static final String SCRIPT = "console/exchange1c.js";

    @Override
    public String id() {
        return "exchange1c.exchange";
    }

    @Override
    public String title() {
        return "1C exchange";
    }

    @Override
    public String title(Locale locale) {
        return "ru".equals(locale.getLanguage()) ? "Обмен с 1С" : title();
    }

    @Override
    public String route() {
        return "/exchange1c";
    }

    @Override
    public String script() {
        return SCRIPT;
    }

    @Override
    public int order() {
        return 600;
    }
}
