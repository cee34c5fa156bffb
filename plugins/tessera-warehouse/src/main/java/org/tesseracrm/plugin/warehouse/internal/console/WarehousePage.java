package org.tesseracrm.plugin.warehouse.internal.console;

import java.util.Locale;

import org.tesseracrm.spi.console.ConsolePage;

/**
 * A console page of the warehouse plugin: its script is {@code console/<name>.js} in this bundle, its
 * route {@code /warehouse/<name>}, its id {@code warehouse.<name>}; the menu entry is English or Russian.
 * The console lists the pages (and serves their scripts) while the plugin runs.
 */
abstract class WarehousePage implements ConsolePage {
    private final String name;
    private final String english;
    private final String russian;
    private final int order;

    WarehousePage(String name, String english, String russian, int order) {
        this.name = name;
        this.english = english;
        this.russian = russian;
        this.order = order;
    }

    @Override
    public String id() {
        return "warehouse." + name;
    }

    @Override
    public String title() {
        return english;
    }

    @Override
    public String title(Locale locale) {
        return locale != null && "ru".equals(locale.getLanguage()) ? russian : english;
    }

    @Override
    public String route() {
        return "/warehouse/" + name;
    }

    @Override
    public String script() {
        return "console/" + name + ".js";
    }

    @Override
    public int order() {
        return order;
    }
}
