package org.tesseracrm.platform.internal.rest;

import java.util.Hashtable;

import javax.ws.rs.core.Application;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.JaxrsWhiteboardConstants;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tesseracrm.api.rest.TesseraApi;
import org.tesseracrm.spi.plugin.TesseraPlugin;

/**
 * Gives every started plugin its own JAX-RS application, {@code tessera-<id>} at {@code /api/v1/<id>},
 * with the same providers as the core application. The JAX-RS whiteboard rebuilds an application
 * whenever a resource joins or leaves it, and requests to that application fail while it does; with
 * one application per plugin, installing or removing a plugin rebuilds only that plugin's application
 * and the core's requests are never touched.
 */
@Component(immediate = true)
public final class PluginApplications implements BundleTrackerCustomizer<ServiceRegistration<Application>> {
    private static final Logger LOG = LoggerFactory.getLogger(PluginApplications.class);

    private final BundleContext context;
    private final TesseraApplication core;
    private final BundleTracker<ServiceRegistration<Application>> tracker;

    /** Starts watching plugins. */
    @Activate
    public PluginApplications(BundleContext context, @Reference TesseraApplication core) {
        this.context = context;
        this.core = core;
        this.tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, this);
        tracker.open();
    }

    /** Removes every plugin application. */
    @Deactivate
    public void deactivate() {
        tracker.close();
    }

    @Override
    public ServiceRegistration<Application> addingBundle(Bundle bundle, BundleEvent event) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return null;
        }
        for (BundleCapability capability : revision.getDeclaredCapabilities(TesseraPlugin.NAMESPACE)) {
            String id = String.valueOf(capability.getAttributes().get(TesseraPlugin.NAMESPACE));
            if (!id.matches("[a-z][a-z0-9]{0,39}")) {
                LOG.error("Plugin {} has the id '{}'; ids are lower-case letters and digits (they name a schema too); "
                        + "its REST resources are not served", bundle.getSymbolicName(), id);
                return null;
            }
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(JaxrsWhiteboardConstants.JAX_RS_APPLICATION_BASE, TesseraApi.BASE + "/" + id);
            properties.put(JaxrsWhiteboardConstants.JAX_RS_NAME, TesseraApi.PLUGIN_APPLICATION_PREFIX + id);
            properties.put("tessera.plugin", id);
            LOG.info("Serving the REST resources of plugin {} at {}/{}", id, TesseraApi.BASE, id);
            return context.registerService(Application.class, core.copy(), properties);
        }
        return null;
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, ServiceRegistration<Application> registration) {
        // nothing changes for the application while the bundle runs
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, ServiceRegistration<Application> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the platform is stopping
        }
    }
}
