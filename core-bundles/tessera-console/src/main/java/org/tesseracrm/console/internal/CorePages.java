package org.tesseracrm.console.internal;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.tesseracrm.spi.console.ConsolePage;

/**
 * Registers the console's core pages (dashboard, contacts, companies, deals, activities, catalog, settings)
 * as {@link ConsolePage} services while the console bundle runs; their scripts are in this bundle under
 * {@code console/pages/}.
 */
@Component(immediate = true)
public final class CorePages {
    /** The core pages, in menu order. */
    static final List<CorePage> PAGES = List.of(
            page("dashboard", "Dashboard", "Сводка", "/dashboard", 0),
            page("contacts", "Contacts", "Контакты", "/contacts", 10),
            page("companies", "Companies", "Компании", "/companies", 20),
            page("pipeline", "Pipeline", "Воронка сделок", "/deals", 30),
            page("deals", "Deals", "Сделки", "/deal-list", 35),
            page("activities", "Activities", "Дела и задачи", "/activities", 40),
            page("products", "Products", "Товары", "/products", 50),
            page("price-lists", "Price lists", "Прайс-листы", "/price-lists", 55),
            page("pipelines", "Pipelines and stages", "Воронки и этапы", "/settings/pipelines", 80),
            page("users", "Users", "Пользователи", "/settings/users", 90));

    private final List<ServiceRegistration<ConsolePage>> registrations = new ArrayList<>();

    /** Registers every core page. */
    @Activate
    public CorePages(BundleContext context) {
        for (CorePage page : PAGES) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("tessera.console.page", page.id());
            registrations.add(context.registerService(ConsolePage.class, page, properties));
        }
    }

    /** Takes the core pages out of the menu. */
    @Deactivate
    void deactivate() {
        for (ServiceRegistration<ConsolePage> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework unregistered it first
            }
        }
        registrations.clear();
    }

    private static CorePage page(String name, String title, String titleRu, String route, int order) {
        return new CorePage("core." + name, title, titleRu, route, "console/pages/" + name + ".js", order);
    }
}
