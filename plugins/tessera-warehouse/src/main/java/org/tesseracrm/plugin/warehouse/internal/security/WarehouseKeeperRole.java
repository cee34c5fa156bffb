package org.tesseracrm.plugin.warehouse.internal.security;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Component;
import org.tesseracrm.api.security.Action;
import org.tesseracrm.spi.security.RoleDefinition;

/**
 * The {@value #NAME} role: reads everything (the catalog, deals), and keeps warehouses, documents, stock,
 * thresholds and deals' reservations; of owned records (deals) it sees its own. Present while the plugin runs. Managers and directors keep what the
 * platform grants them (managers read the warehouse; directors and administrators do everything).
 */
@Component(service = RoleDefinition.class)
public final class WarehouseKeeperRole implements RoleDefinition {
    /** The role's name. */
    public static final String NAME = "warehouse-keeper";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Warehouse keeper";
    }

    @Override
    public String title(Locale locale) {
        return locale != null && "ru".equals(locale.getLanguage()) ? "Кладовщик" : title();
    }

    @Override
    public Map<String, Set<Action>> grants() {
        Map<String, Set<Action>> grants = new LinkedHashMap<>();
        grants.put(ANY_ENTITY, EnumSet.of(Action.READ));
        for (String entity : WarehouseEntities.DAILY) {
            grants.put(entity, EnumSet.of(Action.READ, Action.CREATE, Action.UPDATE, Action.DELETE, Action.EXPORT));
        }
        return grants;
    }
}
