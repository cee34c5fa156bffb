package org.tesseracrm.platform.internal.plugins;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.tesseracrm.platform.internal.db.SchemaStatuses;
import org.tesseracrm.platform.internal.db.SchemaStatus;
import org.tesseracrm.spi.plugin.TesseraPlugin;

/**
 * Lists the installed plugins — bundles that declare the {@code tessera.plugin} capability — with their
 * state: {@code failed} when the bundle cannot resolve, its migrations failed, or one of its components
 * failed to activate (with the reason), else {@code active} or the bundle's state.
 */
@Component(service = PluginRegistry.class)
public final class PluginRegistry {
    private final BundleContext context;
    private final SchemaStatuses migrations;
    private final ServiceComponentRuntime components;

    /** Reads bundles, schemas and component states on demand; keeps nothing. */
    @Activate
    public PluginRegistry(BundleContext context, @Reference SchemaStatuses migrations,
            @Reference ServiceComponentRuntime components) {
        this.context = context;
        this.migrations = migrations;
        this.components = components;
    }

    /** @return every installed plugin, by id */
    public List<PluginStatus> plugins() {
        Map<String, SchemaStatus> schemas = migrations.all().stream()
                .collect(Collectors.toMap(SchemaStatus::bundle, Function.identity(), (a, b) -> a));
        List<PluginStatus> plugins = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            if (revision == null) {
                continue;
            }
            for (BundleCapability capability : revision.getDeclaredCapabilities(TesseraPlugin.NAMESPACE)) {
                plugins.add(status(bundle, capability.getAttributes(), schemas.get(bundle.getSymbolicName())));
            }
        }
        plugins.sort(Comparator.comparing(PluginStatus::id));
        return plugins;
    }

    private PluginStatus status(Bundle bundle, Map<String, Object> attributes, SchemaStatus schema) {
        String id = String.valueOf(attributes.get(TesseraPlugin.NAMESPACE));
        String name = String.valueOf(attributes.getOrDefault(TesseraPlugin.NAME, id));
        String version = String.valueOf(attributes.getOrDefault(TesseraPlugin.VERSION, bundle.getVersion()));
        String state;
        String reason = null;
        if (bundle.getState() == Bundle.INSTALLED) {
            state = "failed";
            reason = "the bundle cannot resolve: a package or service it needs is missing";
        } else if (schema != null && SchemaStatus.FAILED.equals(schema.state())) {
            state = "failed";
            reason = "migration failed: " + schema.error();
        } else if ((reason = componentFailure(bundle)) != null) {
            state = "failed";
        } else {
            state = switch (bundle.getState()) {
                case Bundle.ACTIVE -> "active";
                case Bundle.STARTING -> "starting";
                default -> "resolved";
            };
        }
        return new PluginStatus(id, name, version, bundle.getSymbolicName(), bundle.getBundleId(), state, reason,
                schema == null ? null : schema.schema(), schema == null ? 0 : schema.version());
    }

    private String componentFailure(Bundle bundle) {
        if (bundle.getState() != Bundle.ACTIVE) {
            return null;
        }
        for (ComponentDescriptionDTO description : components.getComponentDescriptionDTOs(bundle)) {
            for (ComponentConfigurationDTO configuration : components.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    return "component " + description.name + " failed to start: " + configuration.failure;
                }
            }
        }
        return null;
    }
}
