package org.tesseracrm.console.internal;

import java.util.Locale;

import org.tesseracrm.spi.console.ConsolePage;

/**
 * A page of the console's own: registered as a {@link ConsolePage} service like any plugin's page, so the
 * menu, the script URL and the kit are the same for core and plugin pages.
 *
 * @param id       {@code core.<page>}
 * @param title    the English menu entry
 * @param titleRu  the Russian menu entry
 * @param route    the console route
 * @param script   the script's path inside the console bundle
 * @param order    the menu position, 0 to 99 for core pages
 */
record CorePage(String id, String title, String titleRu, String route, String script, int order)
        implements ConsolePage {

    @Override
    public String title(Locale locale) {
        return "ru".equals(locale.getLanguage()) ? titleRu : title;
    }
}
