package org.tesseracrm.platform.internal.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.rest.TesseraApi;
import org.tesseracrm.platform.internal.db.SchemaStatuses;
import org.tesseracrm.platform.internal.db.SchemaStatus;
import org.tesseracrm.platform.internal.plugins.PluginRegistry;

/**
 * {@code GET /api/v1/platform}: what is running — Tessera's version, the edition, the database, and
 * every Tessera bundle with its state and schema, and every plugin with its state.
 */
@Component(service = PlatformResource.class)
@JaxrsResource
@JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)
@Path("platform")
@Produces(MediaType.APPLICATION_JSON)
public final class PlatformResource {
    /** Editions from the largest down: the first one installed is the running edition. */
    public static final List<String> EDITIONS = List.of("media", "enterprise-plus", "enterprise", "professional-plus",
            "professional", "standard");

    private final BundleContext context;
    private final SchemaStatuses migrations;
    private final PluginRegistry plugins;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile FeaturesService features;

    /** Reads bundles from the framework and schemas from the migration extender. */
    @Activate
    public PlatformResource(BundleContext context, @Reference SchemaStatuses migrations,
            @Reference PluginRegistry plugins) {
        this.context = context;
        this.migrations = migrations;
        this.plugins = plugins;
    }

    /** @return version, edition, database, bundles */
    @GET
    public Map<String, Object> platform() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", "Tessera CRM");
        info.put("version", context.getBundle().getVersion().toString());
        info.put("edition", edition());
        info.put("database", migrations.dialect() == null ? "unknown" : migrations.dialect().name().toLowerCase());
        Map<String, SchemaStatus> schemas = new LinkedHashMap<>();
        for (SchemaStatus status : migrations.all()) {
            schemas.put(status.bundle(), status);
        }
        List<Map<String, Object>> bundles = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name == null || !name.startsWith("org.tesseracrm")) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", bundle.getBundleId());
            entry.put("symbolicName", name);
            entry.put("version", bundle.getVersion().toString());
            entry.put("state", state(bundle.getState()));
            entry.put("lastModified", bundle.getLastModified());
            // A restarted bundle, or a re-activated component, registers its services anew with new ids.
            List<Long> serviceIds = new ArrayList<>();
            ServiceReference<?>[] registered = bundle.getRegisteredServices();
            if (registered != null) {
                for (ServiceReference<?> reference : registered) {
                    serviceIds.add((Long) reference.getProperty(Constants.SERVICE_ID));
                }
            }
            serviceIds.sort(null);
            entry.put("serviceIds", serviceIds);
            SchemaStatus schema = schemas.get(name);
            if (schema != null) {
                entry.put("schema", schema.schema());
                entry.put("schemaVersion", schema.version());
                entry.put("schemaState", schema.state());
                if (schema.error() != null) {
                    entry.put("error", schema.error());
                }
            }
            bundles.add(entry);
        }
        bundles.sort(Comparator.comparing(b -> (String) b.get("symbolicName")));
        info.put("bundles", bundles);
        info.put("plugins", plugins.plugins());
        return info;
    }

    /** @return the running edition, {@code none} without one, {@code unknown} without a features service */
    public String edition() {
        FeaturesService service = features;
        if (service == null) {
            return "unknown";
        }
        for (String edition : EDITIONS) {
            try {
                if (service.isInstalled(service.getFeature("tessera-edition-" + edition))) {
                    return edition;
                }
            } catch (Exception e) {
                // a feature repository being refreshed: try the next
            }
        }
        return "none";
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            default -> "uninstalled";
        };
    }
}
