package ${package}.internal;

import javax.ws.rs.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.rest.Json;
import org.tesseracrm.api.rest.RecordsResource;
import org.tesseracrm.api.rest.TesseraApi;

/**
 * {@code /api/v1/${pluginId}/items}: list ({@code ?q=&sort=&offset=&limit=&<field>=}), read (with an ETag),
 * create, update ({@code If-Match}), delete and restore. It joins the plugin's own JAX-RS application,
 * {@code tessera-${pluginId}} at {@code /api/v1/${pluginId}}, which Tessera creates when the plugin starts and
 * which brings the platform's JSON, authentication and problem answers.
 */
@Component(service = ItemResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=" + TesseraApi.PLUGIN_APPLICATION_PREFIX + "${pluginId})")
@Path("items")
public final class ItemResource extends RecordsResource<Item> {

    /** Serves the items. */
    @Activate
    public ItemResource(@Reference Items records, @Reference Json json) {
        super(records, json);
    }
}
