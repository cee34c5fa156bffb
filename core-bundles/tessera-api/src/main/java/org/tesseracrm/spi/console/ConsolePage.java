package org.tesseracrm.spi.console;

import java.util.Locale;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A page of the web console, contributed by registering this interface as a service. The console
 * builds its menu from the pages present, so a page appears when its bundle starts and disappears when
 * it stops. The script is an ES module served from the contributing bundle at
 * {@code /api/v1/console/pages/<id>/script}; it exports {@code render(element, kit)}, which draws the
 * page into the element the console gives it, and may export {@code dispose()}, called when the user
 * leaves the page. The {@code kit} is the console's own toolkit (API client with the session, locale
 * formatting, translations, table and form helpers), documented in {@code docs/console-kit.md}, so a
 * plugin page looks and behaves like a core page.
 */
@ConsumerType
public interface ConsolePage {

    /** @return a unique id, conventionally {@code <plugin>.<page>} ({@code salon.appointments}) */
    String id();

    /** @return the menu entry, in English */
    String title();

    /**
     * The menu entry in the user's language; the console asks with the language the user chose.
     *
     * @param locale the user's locale ({@code ru}, {@code en})
     * @return the translated entry, {@link #title()} by default
     */
    default String title(Locale locale) {
        return title();
    }

    /** @return the console route, starting with {@code /} ({@code /salon/appointments}) */
    String route();

    /** @return the path of the page's script inside the bundle ({@code console/appointments.js}) */
    String script();

    /** @return where the entry goes in the menu, smaller first; core pages use 0 to 99 */
    default int order() {
        return 500;
    }
}
